#!/usr/bin/env bash
# Builds the database images the end-to-end tests run in place of the official mongo and redis
# images: lucid/redis (Debian's package, on lucid/debian) and lucid/ferretdb (the FerretDB
# binary from scripts/build-ferretdb.sh, on the Node.js runtime image). amd64 only: the tests
# run the dev stack on the host's architecture.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

arch=amd64

# Builds one image from scripts/images/<name>/Dockerfile. Usage: build <name> <tag> <base>
# [file to add to the context...]
build() {
  local name="$1" tag="$2" base="$3" recipe context
  shift 3
  recipe="$(recipe_hash "$images_dir/$name/Dockerfile" "$(docker image inspect -f '{{.Id}}' "$base")" "$@")"
  if image_current "$tag" "$recipe"; then
    log "$tag is current"
    return 0
  fi
  local previous
  previous="$(image_id "$tag")"
  context="$(mktemp -d "${TMPDIR:-/tmp}/lucid-$name.XXXXXX")"
  cp "$images_dir/$name/Dockerfile" "$context/"
  mkdir -p "$context/data/db"
  if (($#)); then cp "$@" "$context/"; fi
  log "building $tag"
  docker build --platform "linux/$arch" --build-arg "BASE=$base" --build-arg "RECIPE=$recipe" \
    -t "$tag" "$context" >"$cache/$name.log" 2>&1 ||
    { rm -rf "$context"; log "build failed; see $cache/$name.log"; return 1; }
  rm -rf "$context"
  drop_replaced "$previous" "$tag"
  log "built $tag"
}

build redis "$redis_repo:$debian_suite-$arch" "$debian_repo:$debian_suite-$arch"
build ferretdb "$mongo_repo:sqlite-$arch" "$runtime_repo:nonroot-$arch" \
  "$(bash "$root/scripts/build-ferretdb.sh")" "$images_dir/ferretdb/entrypoint.mjs"

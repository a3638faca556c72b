#!/usr/bin/env bash
# Assembles the Node.js 24 build image for one architecture as lucid/node-build:24-<arch>,
# from lucid/debian (debian-base.sh) and the npm registry's node-linux-<arch> and npm
# packages. For arm64 apt-get runs under qemu, which takes a few minutes.
# Usage: node-build.sh amd64|arm64
set -euo pipefail
source "$(dirname "$0")/lib.sh"

arch="${1:?usage: node-build.sh amd64|arm64}"
base="$debian_repo:$debian_suite-$arch"
tag="$build_repo:24-$debian_suite-$arch"
recipe="$(recipe_hash "$0" "$images_dir/node-build/Dockerfile" "$arch" \
  "$(docker image inspect -f '{{.Id}}' "$base")" /usr/local/share/ca-certificates/*.crt)"
if image_current "$tag" "$recipe"; then
  log "$tag is current"
  exit 0
fi

previous="$(image_id "$tag")"
context="$(mktemp -d "${TMPDIR:-/tmp}/lucid-node-build.XXXXXX")"
trap 'rm -rf "$context"' EXIT
cp "$images_dir/node-build/Dockerfile" "$context/"
mkdir -p "$context/ca"
cp /usr/local/share/ca-certificates/*.crt "$context/ca/" 2>/dev/null || true

# The same layout as a nodejs.org tarball under /usr/local: bin/node, include/node (node-gyp
# compiles against these headers instead of downloading them), and npm with its bin links.
node_dir="$context/node"
mkdir -p "$node_dir/lib/node_modules/npm"
tar xzf "$(node_tarball "$arch")" -C "$node_dir" --strip-components=1 package/bin package/include
tar xzf "$(npm_tarball "npm@$npm_version")" -C "$node_dir/lib/node_modules/npm" \
  --strip-components=1
ln -s ../lib/node_modules/npm/bin/npm-cli.js "$node_dir/bin/npm"
ln -s ../lib/node_modules/npm/bin/npx-cli.js "$node_dir/bin/npx"

log "building $tag"
docker build --platform "linux/$arch" --build-arg "BASE=$base" --build-arg "RECIPE=$recipe" \
  -t "$tag" "$context" >"$cache/node-build-$arch.log" 2>&1 ||
  { log "build failed; see $cache/node-build-$arch.log"; exit 1; }
drop_replaced "$previous" "$tag"
log "built $tag"

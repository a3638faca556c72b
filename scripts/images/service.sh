#!/usr/bin/env bash
# The offline path's second step (`npm run image:build`): builds the service image from
# service/Dockerfile, unchanged, on the base images scripts/images/base.sh assembled (each
# architecture's local registry digest replaces the Dockerfile's default), for each
# architecture named.
#   service.sh [--push] [amd64] [arm64]      (default: the host's architecture)
# Tags lucid/auth-service:<version>-<arch> and prints each tag. With --push it also pushes
# them to the local registry under one multi-architecture manifest and prints
# 127.0.0.1:<port>/lucid/auth-service@sha256:..., the reference to run or deploy.
# Builds are serialized through a lock, so parallel callers reuse each other's layers.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

push=0
arches=()
for arg in "$@"; do
  case "$arg" in
    --push) push=1 ;;
    amd64 | arm64) arches+=("$arg") ;;
    *) log "unknown argument: $arg (expected --push, amd64 or arm64)" && exit 2 ;;
  esac
done
((${#arches[@]})) || arches=("$(dpkg --print-architecture)")

bases="$cache/base-images.env"
[[ -f "$bases" ]] || { log "no $bases: run \`npm run images:base\` first"; exit 1; }
# shellcheck source=/dev/null
source "$bases"

version="$(node -p 'require("./service/package.json").version')"
revision="$(git -C "$root" rev-parse HEAD 2>/dev/null || echo unknown)"
source_url="${LUCID_SOURCE_URL:-https://github.com/lucid-auth/lucid-auth}"

# The engine pulls a base image from the local registry when its own store lacks it (a new
# engine, a wiped store); the registry is not left running between sessions.
bash "$root/scripts/registry.sh" start >&2

tags=()
for arch in "${arches[@]}"; do
  build_var="BUILD_IMAGE_${arch^^}" runtime_var="RUNTIME_IMAGE_${arch^^}"
  [[ -n "${!build_var:-}" && -n "${!runtime_var:-}" ]] ||
    { log "$bases has no $arch digests: run \`npm run images:base\` again"; exit 1; }
  tag="lucid/auth-service:$version-$arch"
  log "building $tag"
  flock "$cache/service-build.lock" docker build -f "$root/service/Dockerfile" \
    --platform "linux/$arch" \
    --build-arg "TARGETARCH=$arch" \
    --build-arg "BUILD_IMAGE=${!build_var}" \
    --build-arg "RUNTIME_IMAGE=${!runtime_var}" \
    --build-arg "VERSION=$version" \
    --build-arg "REVISION=$revision" \
    --build-arg "SOURCE=$source_url" \
    -t "$tag" "$root" >"$cache/service-$arch.log" 2>&1 ||
    { log "build failed; see $cache/service-$arch.log"; exit 1; }
  tags+=("$tag")
  echo "$tag"
done

if ((push)); then
  bash "$root/scripts/registry.sh" publish lucid/auth-service "$version" "${tags[@]}"
fi

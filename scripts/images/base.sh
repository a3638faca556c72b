#!/usr/bin/env bash
# The offline path's first step (`npm run images:base`): assembles every base image the
# service's Dockerfile and the end-to-end tests name, for amd64 and arm64, publishes them to
# the local registry (scripts/registry.sh) and writes their digests to
# .tools/images/base-images.env:
#   BUILD_IMAGE_<ARCH>, RUNTIME_IMAGE_<ARCH>  each architecture's image by digest, passed
#       to `docker build` as BUILD_IMAGE and RUNTIME_IMAGE in place of the Dockerfile's
#       defaults (BUILD_IMAGE and RUNTIME_IMAGE are the multi-architecture lists)
#   REDIS_IMAGE, MONGO_IMAGE  amd64 stand-ins for the official database images
# Images already current are skipped, so a rerun takes seconds. The two architectures are
# assembled side by side; arm64's steps run under qemu and set the pace (about 8 minutes
# on a fresh machine with 2 cores).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

bash "$root/scripts/docker-engine.sh"

# Runs a chain of image scripts in the background, its output in the cache folder.
declare -A chains
chain() {
  local name="$1"
  shift
  (
    set -e
    for step in "$@"; do
      # shellcheck disable=SC2086 # each step is a script and its argument
      bash "$images_dir"/$step
    done
  ) >"$cache/chain-$name.log" 2>&1 &
  chains[$name]=$!
}

started=$SECONDS
chain arm64 "debian-base.sh arm64" "node-build.sh arm64" "node-runtime.sh arm64"
chain amd64 "node-runtime.sh amd64" "debian-base.sh amd64" "node-build.sh amd64" databases.sh
failed=0
for name in amd64 arm64; do
  wait "${chains[$name]}" || { failed=1 && log "$name images failed; see chain-$name.log"; }
done
cat "$cache"/chain-*.log >&2
((failed == 0)) || exit 1
log "images ready in $((SECONDS - started))s"

registry="$root/scripts/registry.sh"
bash "$registry" start
build_ref="$(bash "$registry" publish lucid/node-build "24-$debian_suite" \
  "$build_repo:24-$debian_suite-amd64" "$build_repo:24-$debian_suite-arm64")"
runtime_ref="$(bash "$registry" publish distroless/nodejs24-debian13 nonroot \
  "$runtime_repo:nonroot-amd64" "$runtime_repo:nonroot-arm64")"
redis_ref="$(bash "$registry" publish lucid/redis "$debian_suite" \
  "$redis_repo:$debian_suite-amd64")"
mongo_ref="$(bash "$registry" publish lucid/ferretdb sqlite "$mongo_repo:sqlite-amd64")"

# Per-architecture digests are what builds use (see registry.sh resolve); the lists are what
# a registry hands to engines that pick the platform themselves.
{
  echo "BUILD_IMAGE=$build_ref"
  echo "RUNTIME_IMAGE=$runtime_ref"
  for arch in amd64 arm64; do
    echo "BUILD_IMAGE_${arch^^}=$(bash "$registry" resolve "$build_ref" "$arch")"
    echo "RUNTIME_IMAGE_${arch^^}=$(bash "$registry" resolve "$runtime_ref" "$arch")"
  done
  echo "REDIS_IMAGE=$(bash "$registry" resolve "$redis_ref" amd64)"
  echo "MONGO_IMAGE=$(bash "$registry" resolve "$mongo_ref" amd64)"
} >"$cache/base-images.env.tmp"
mv "$cache/base-images.env.tmp" "$cache/base-images.env"
log "published to $(bash "$registry" address); digests in .tools/images/base-images.env"
cat "$cache/base-images.env"

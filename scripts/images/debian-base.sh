#!/usr/bin/env bash
# Assembles a minimal Debian image (debootstrap's minbase variant) for one architecture and
# imports it as lucid/debian:<suite>-<arch>. The build and Redis images start from it.
# Usage: debian-base.sh amd64|arm64
set -euo pipefail
source "$(dirname "$0")/lib.sh"

arch="${1:?usage: debian-base.sh amd64|arm64}"
npm_arch "$arch" >/dev/null
tag="$debian_repo:$debian_suite-$arch"
recipe="$(recipe_hash "$0" "$arch")"
if image_current "$tag" "$recipe"; then
  log "$tag is current"
  exit 0
fi

previous="$(image_id "$tag")"
rootfs="$(mktemp -d "${TMPDIR:-/tmp}/lucid-rootfs.XXXXXX")"
trap 'rm -rf "$rootfs"' EXIT

# For arm64 the second stage runs the target's dpkg under qemu through binfmt_misc (the
# interpreter is registered with the F flag, so it works inside the chroot).
log "debootstrap $debian_suite ($arch); several minutes for arm64"
debootstrap --variant=minbase --arch="$arch" "$debian_suite" "$rootfs" "$debian_mirror" \
  >"$cache/debootstrap-$arch.log" 2>&1 ||
  { log "debootstrap failed; see $cache/debootstrap-$arch.log"; exit 1; }

security_mirror="${debian_mirror%/debian}/debian-security"
cat >"$rootfs/etc/apt/sources.list" <<LIST
deb $debian_mirror $debian_suite main
deb $debian_mirror $debian_suite-updates main
deb $security_mirror $debian_suite-security main
LIST

# As in Docker's official Debian images: dpkg skips fsync (a container layer is committed
# whole or not at all), which matters most under qemu; documentation is not installed.
cat >"$rootfs/etc/dpkg/dpkg.cfg.d/docker" <<'DPKG'
force-unsafe-io
path-exclude=/usr/share/doc/*
path-include=/usr/share/doc/*/copyright
path-exclude=/usr/share/man/*
path-exclude=/usr/share/info/*
path-exclude=/usr/share/locale/*
path-include=/usr/share/locale/locale.alias
DPKG

# Images carry no package lists or downloaded packages; derived images run apt-get update.
rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/*.bin \
  "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/log/*.log

load_rootfs "$rootfs" "$tag" "$arch" "$(cat <<JSON
{
  "Env": ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],
  "Cmd": ["/bin/bash"],
  "Labels": {
    "lucid.recipe": "$recipe",
    "org.opencontainers.image.title": "debian-$debian_suite-minbase"
  }
}
JSON
)"
drop_replaced "$previous" "$tag"
log "built $tag"

#!/usr/bin/env bash
# Makes sure a Docker engine answers, starting Debian's dockerd (vfs storage) when none runs,
# and that arm64 binaries run under qemu through binfmt_misc.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

if ! docker info >/dev/null 2>&1; then
  log "starting dockerd"
  setsid dockerd --storage-driver=vfs >/var/log/lucid-dockerd.log 2>&1 </dev/null &
  for ((i = 0; i < 120; i++)); do
    docker info >/dev/null 2>&1 && break
    sleep 0.5
  done
  docker info >/dev/null 2>&1 || { log "dockerd did not start; see /var/log/lucid-dockerd.log"; exit 1; }
fi

if [[ ! -e /proc/sys/fs/binfmt_misc/register ]]; then
  mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc
fi
if [[ ! -e /proc/sys/fs/binfmt_misc/qemu-aarch64 ]]; then
  update-binfmts --enable qemu-aarch64 >/dev/null 2>&1 || update-binfmts --import qemu-aarch64
fi
log "docker engine ready; arm64 emulation: $(cat /proc/sys/fs/binfmt_misc/qemu-aarch64 | head -1)"

#!/usr/bin/env bash
# Makes sure a Docker engine answers, starting Debian's dockerd (overlay2 storage, else vfs)
# when none runs, and that arm64 binaries run under qemu through binfmt_misc.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

# Starts dockerd with the given storage driver; answers once the engine does, or fails.
start_engine() {
  local driver="$1"
  log "starting dockerd ($driver storage)"
  setsid dockerd --storage-driver="$driver" >>/var/log/lucid-dockerd.log 2>&1 </dev/null &
  local pid=$!
  for ((i = 0; i < 120; i++)); do
    docker info >/dev/null 2>&1 && return 0
    kill -0 "$pid" 2>/dev/null || return 1
    sleep 0.5
  done
  # Stopped and waited for, so that the next attempt does not find its pid file.
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  return 1
}

# overlay2 shares the image's layers with every container; vfs, which needs nothing of the
# kernel, copies the whole image for each one (a second or two per `docker run` here), so
# it is the fallback for a host where overlay mounts are refused (for example a data root
# that is itself on overlayfs).
if ! docker info >/dev/null 2>&1; then
  if ! start_engine overlay2; then
    start_engine vfs || { log "dockerd did not start; see /var/log/lucid-dockerd.log"; exit 1; }
  fi
fi

if [[ ! -e /proc/sys/fs/binfmt_misc/register ]]; then
  mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc
fi
if [[ ! -e /proc/sys/fs/binfmt_misc/qemu-aarch64 ]]; then
  update-binfmts --enable qemu-aarch64 >/dev/null 2>&1 || update-binfmts --import qemu-aarch64
fi
log "docker engine ready; arm64 emulation: $(cat /proc/sys/fs/binfmt_misc/qemu-aarch64 | head -1)"

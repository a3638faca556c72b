#!/usr/bin/env bash
# Sets a fresh machine up: Debian packages, Node.js 24 when the host's is older than 22, the
# locked npm dependencies and the FerretDB binary the tests use. Safe to run again: each step
# is skipped when its result is already there.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
source scripts/lib.sh

node_version="${LUCID_NODE_VERSION:-24.22.3}"
apt_packages=(docker.io redis-server qemu-user-static binfmt-support debootstrap chromium
  docker-registry ca-certificates)

missing=()
for pkg in "${apt_packages[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if ((${#missing[@]})); then
  log "installing Debian packages: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" \
    >/dev/null
fi

host_major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
if ((host_major < 22)) && [[ ! -x .tools/node/bin/node ]]; then
  # The npm registry's `node` package installs the per-platform `node-linux-<arch>` package;
  # taking that package directly avoids an install script that runs a second npm.
  arch="$(uname -m | sed 's/x86_64/x64/;s/aarch64/arm64/')"
  log "host Node.js is $host_major; fetching node-linux-$arch@$node_version"
  tmp="$(mktemp -d)"
  (cd "$tmp" && npm pack --silent "node-linux-$arch@$node_version" >/dev/null)
  mkdir -p .tools/node
  tar xzf "$tmp"/node-linux-*.tgz -C .tools/node --strip-components=1
  rm -rf "$tmp"
fi
source scripts/env.sh
log "node $(node --version), npm $(npm --version)"

lock_hash="$(sha256sum package-lock.json | cut -c1-16)"
if [[ ! -f node_modules/.lucid-lock-hash ]] || \
  [[ "$(cat node_modules/.lucid-lock-hash)" != "$lock_hash" ]]; then
  log "installing npm dependencies"
  npm ci --no-audit --no-fund
  echo "$lock_hash" >node_modules/.lucid-lock-hash
fi

bash scripts/build-ferretdb.sh >/dev/null
log "ready"

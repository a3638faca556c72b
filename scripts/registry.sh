#!/usr/bin/env bash
# A registry of our own: Debian's docker-registry on 127.0.0.1, which the engine treats as
# insecure-allowed (loopback), so images are pushed and pulled by digest without TLS or login.
#   registry.sh start | stop | status | address
#   registry.sh publish <repo> <tag> <image-amd64> [<image-arm64>]
#     pushes each image as <address>/<repo>:<tag>-<arch>, then one manifest list
#     <address>/<repo>:<tag> over them, and prints <address>/<repo>@<list digest>.
#   registry.sh resolve <repo>@<list digest> <arch>
#     prints <repo>@<digest> of that architecture's image in the list. The classic builder
#     of Docker 20.10 keeps one image per digest, whatever --platform asks for, so builds
#     name each architecture's own digest.
# Port: LUCID_REGISTRY_PORT (5055). Data, config and log live in .tools/registry.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
source "$root/scripts/lib.sh"
source "$root/scripts/env.sh"

port="${LUCID_REGISTRY_PORT:-5055}"
address="127.0.0.1:$port"
state="$root/.tools/registry"

running() { curl -fsS "http://$address/v2/" >/dev/null 2>&1; }

start() {
  if running; then
    log "registry already answers on $address"
    return 0
  fi
  mkdir -p "$state/data"
  cat >"$state/config.yml" <<CONFIG
version: 0.1
log:
  level: warn
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $state/data
  delete:
    enabled: true
http:
  addr: $address
CONFIG
  setsid docker-registry serve "$state/config.yml" >"$state/registry.log" 2>&1 </dev/null &
  echo $! >"$state/registry.pid"
  for ((i = 0; i < 100; i++)); do
    running && break
    sleep 0.1
  done
  running || { log "registry did not start; see $state/registry.log"; return 1; }
  log "registry on $address"
}

stop() {
  if [[ -f "$state/registry.pid" ]]; then
    kill "$(cat "$state/registry.pid")" 2>/dev/null || true
    rm -f "$state/registry.pid"
  fi
  log "registry stopped"
}

# Architecture of a local image, as Docker recorded it.
arch_of() { docker image inspect -f '{{.Architecture}}' "$1"; }

publish() {
  local repo="$1" tag="$2" list="$address/$1:$2" image arch ref
  shift 2
  ((${#@})) || { log "publish needs at least one image"; return 1; }
  running || start
  local refs=()
  for image in "$@"; do
    arch="$(arch_of "$image")"
    ref="$list-$arch"
    docker tag "$image" "$ref"
    docker push "$ref" >/dev/null
    refs+=("$ref")
  done

  # The CLI keeps a local copy of a list it created; a fresh one each time, pushed over HTTP.
  docker manifest rm "$list" >/dev/null 2>&1 || true
  docker manifest create --insecure "$list" "${refs[@]}" >/dev/null
  local digest
  digest="$(docker manifest push --insecure --purge "$list" | tail -n 1)"
  [[ "$digest" == sha256:* ]] || { log "manifest push printed no digest: $digest"; return 1; }
  echo "$address/$repo@$digest"
}

resolve() {
  local list="$1" arch="$2" digest
  digest="$(docker manifest inspect --insecure "$list" | node -e '
    const list = JSON.parse(require("fs").readFileSync(0, "utf8"));
    const entry = list.manifests.find((m) => m.platform.architecture === process.argv[1]);
    if (entry) console.log(entry.digest);
  ' "$arch")"
  [[ "$digest" == sha256:* ]] || { log "$list holds no $arch image"; return 1; }
  echo "${list%@*}@$digest"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) running && echo "up $address" || { echo "down $address"; exit 1; } ;;
  address) echo "$address" ;;
  publish) shift && publish "$@" ;;
  resolve) shift && resolve "$@" ;;
  *)
    echo "usage: registry.sh start|stop|status|address|publish|resolve (see the header)" >&2
    exit 2
    ;;
esac

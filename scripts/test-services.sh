#!/usr/bin/env bash
# Starts the servers the tests talk to, when they are not already running, and writes their
# addresses to .test-services.env. Running it twice leaves one of each.
#   Redis:  Debian's redis-server on 127.0.0.1:$LUCID_REDIS_PORT, no persistence.
#   MongoDB wire protocol: FerretDB (SQLite backend) on 127.0.0.1:$LUCID_MONGO_PORT.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
source scripts/lib.sh

redis_port="${LUCID_REDIS_PORT:-16379}"
mongo_port="${LUCID_MONGO_PORT:-27027}"
state="$root/.test-services"
mkdir -p "$state"

if redis-cli -h 127.0.0.1 -p "$redis_port" ping 2>/dev/null | grep -q PONG; then
  log "redis already answers on 127.0.0.1:$redis_port"
else
  log "starting redis-server on 127.0.0.1:$redis_port"
  redis-server --bind 127.0.0.1 --port "$redis_port" --save '' --appendonly no \
    --daemonize yes --pidfile "$state/redis.pid" --logfile "$state/redis.log" \
    --dir "$state"
  wait_for_port "$redis_port" 15
fi

if port_open "$mongo_port"; then
  log "MongoDB-wire server already answers on 127.0.0.1:$mongo_port"
else
  ferretdb="$(bash scripts/build-ferretdb.sh)"
  data="$(mktemp -d "${TMPDIR:-/tmp}/lucid-ferretdb.XXXXXX")"
  log "starting FerretDB on 127.0.0.1:$mongo_port (SQLite in $data)"
  # setsid detaches it from this shell so that it outlives the script; telemetry is off so
  # it never reaches for the network.
  setsid "$ferretdb" --handler=sqlite --sqlite-url="file:$data/" --state-dir="$data" \
    --listen-addr="127.0.0.1:$mongo_port" --debug-addr="127.0.0.1:$((mongo_port + 1))" \
    --telemetry=disable --log-level=WARN >"$state/ferretdb.log" 2>&1 </dev/null &
  echo $! >"$state/ferretdb.pid"
  wait_for_port "$mongo_port" 30
fi

cat >.test-services.env <<ENV
MONGODB_URI=mongodb://127.0.0.1:$mongo_port/
REDIS_URI=redis://127.0.0.1:$redis_port/
ENV
log "wrote .test-services.env"

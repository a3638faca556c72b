# Shared helpers for the project's shell scripts. Sourced, not run.

log() { printf '[%s] %s\n' "$(basename "$0" .sh)" "$*" >&2; }

# Waits until a TCP port on 127.0.0.1 accepts connections, or fails after $2 seconds.
wait_for_port() {
  local port="$1" seconds="${2:-30}"
  for ((i = 0; i < seconds * 10; i++)); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  log "nothing answered on 127.0.0.1:$port after ${seconds}s"
  return 1
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

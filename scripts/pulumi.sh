#!/usr/bin/env bash
# Runs `pulumi preview` or `pulumi up` for one stack with a local file state backend and the
# passphrase secrets provider, so no Pulumi Cloud account is needed.
#   npm run preview -- [stack] [pulumi flags]     stack: dev (default), pi or k3s
#   npm run up -- [stack] [pulumi flags]
# PULUMI_BACKEND_URL, PULUMI_CONFIG_PASSPHRASE or PULUMI_CONFIG_PASSPHRASE_FILE, when set,
# are used as given; otherwise state and a generated passphrase live in .pulumi-state/.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
source scripts/lib.sh

command="${1:-}"
if [[ "$command" != preview && "$command" != up ]]; then
  log "usage: scripts/pulumi.sh preview|up [stack] [pulumi flags]"
  exit 2
fi
shift
stack=dev
if [[ $# -gt 0 && "$1" != -* ]]; then
  stack="$1"
  shift
fi
if [[ ! -f "Pulumi.$stack.yaml" ]]; then
  stacks="$(ls Pulumi.*.yaml | sed -E 's/^Pulumi\.(.*)\.yaml$/\1/' | tr '\n' ' ')"
  log "no stack file Pulumi.$stack.yaml; the stacks are: $stacks"
  exit 2
fi

if ! command -v pulumi >/dev/null 2>&1; then
  log "the Pulumi CLI is not on PATH. Install it (https://www.pulumi.com/docs/install/):"
  log "  curl -fsSL https://get.pulumi.com | sh"
  log "then open a new shell and run this again."
  exit 127
fi

source scripts/env.sh
if [[ ! -d node_modules/@pulumi/pulumi || ! -d node_modules/tsx ]]; then
  log "dependencies are missing; run \`npm ci\` (or bash scripts/setup.sh) first"
  exit 1
fi

home="${LUCID_PULUMI_HOME:-$root/.pulumi-state}"
mkdir -p "$home"
export PULUMI_BACKEND_URL="${PULUMI_BACKEND_URL:-file://$home}"

if [[ -z "${PULUMI_CONFIG_PASSPHRASE:-}" && -z "${PULUMI_CONFIG_PASSPHRASE_FILE:-}" ]]; then
  passphrase="$home/passphrase"
  if [[ ! -s "$passphrase" ]]; then
    (umask 077 && node -e \
      'process.stdout.write(require("crypto").randomBytes(32).toString("base64url"))' \
      >"$passphrase")
    log "generated the secrets passphrase in $passphrase; back it up, since the stacks'"
    log "secrets cannot be decrypted without it"
  fi
  export PULUMI_CONFIG_PASSPHRASE_FILE="$passphrase"
fi

pulumi stack select "$stack" --create --secrets-provider passphrase --non-interactive
exec pulumi "$command" --stack "$stack" "$@"

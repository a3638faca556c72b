#!/usr/bin/env bash
# Creates (once) the git-ignored Python virtual environment holding schemathesis, the
# OpenAPI fuzzer `npm run fuzz` drives, and prints the path of its `st` command. Running it
# again with the same version installed does nothing.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
source "$root/scripts/lib.sh"

version="${SCHEMATHESIS_VERSION:-4.*}"
venv="$root/.tools/venv"
st="$venv/bin/st"

# Run, not just found: a venv's scripts name its interpreter by absolute path, so one copied
# or moved with its checkout has an `st` that exists and cannot start.
if "$st" --version >/dev/null 2>&1; then
  echo "$st"
  exit 0
fi

log "creating $venv with schemathesis $version from PyPI"
python3 -m venv --clear "$venv"
"$venv/bin/python" -m pip install --quiet --upgrade pip >&2
"$venv/bin/python" -m pip install --quiet "schemathesis==$version" >&2
echo "$st"

# Sourced, not run: puts the project's Node.js (24, fetched by scripts/setup.sh when the host's
# is older than 22) first on PATH, and points native module builds at its headers.
_lucid_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [[ -x "$_lucid_root/.tools/node/bin/node" ]]; then
  export PATH="$_lucid_root/.tools/node/bin:$PATH"
  export npm_config_nodedir="$_lucid_root/.tools/node"
fi
unset _lucid_root

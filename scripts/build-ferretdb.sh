#!/usr/bin/env bash
# Builds the FerretDB binary (MongoDB wire protocol over SQLite) that the tests use in place
# of MongoDB, which cannot be installed here. Built once per machine and cached.
set -euo pipefail

version="${FERRETDB_VERSION:-v1.24.2}"
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/.tools/ferretdb/$version/ferretdb"

if [[ -x "$out" ]]; then
  echo "$out"
  exit 0
fi

work="$(mktemp -d)"
trap 'chmod -R u+w "$work"; rm -rf "$work"' EXIT

# The module cache is read-only, so the source is copied to a scratch folder where the
# version file FerretDB insists on at start can be written before compiling.
(cd "$work" && go mod download -json "github.com/FerretDB/FerretDB@$version" >mod.json)
src="$(sed -n 's/^\s*"Dir": "\(.*\)",$/\1/p' "$work/mod.json")"
cp -r "$src" "$work/src"
chmod -R u+w "$work/src"
echo -n "$version" >"$work/src/build/version/version.txt"

mkdir -p "$(dirname "$out")"
(cd "$work/src" && CGO_ENABLED=0 GOFLAGS=-mod=mod \
  go build -trimpath -tags ferretdb_no_postgresql -o "$out.tmp" ./cmd/ferretdb) >&2
mv "$out.tmp" "$out"
echo "$out"

#!/usr/bin/env bash
# Builds the FerretDB binary (MongoDB wire protocol over SQLite) that the tests use in place
# of MongoDB, which cannot be installed here. Built once per machine and cached.
set -euo pipefail

version="${FERRETDB_VERSION:-v1.24.2}"
root="$(cd "$(dirname "$0")/.." && pwd)"
# The folder names the patch below, so a binary built without it is never reused.
out="$root/.tools/ferretdb/$version-id-index/ferretdb"

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

# FerretDB's SQLite backend creates the _id index on the expression `_ferretdb_sjson->"_id"`
# but looks documents up by `_ferretdb_sjson->'$._id'`. Both give the same value, yet SQLite
# matches an index only to the expression it was built on, so every lookup, update and
# delete by _id scanned the whole table (22 ms an update at 4,000 sessions). Writing the
# lookup as the index is written makes them index searches, as they are on MongoDB.
metadata="$work/src/internal/backends/sqlite/metadata/metadata.go"
old_column='IDColumn = DefaultColumn + "->'"'"'$._id'"'"'"'
new_column='IDColumn = DefaultColumn + `->"_id"`'
source_text="$(<"$metadata")"
[[ "$source_text" == *"$old_column"* ]] ||
  { echo "build-ferretdb: the _id column expression moved; review the patch" >&2; exit 1; }
printf '%s\n' "${source_text/"$old_column"/"$new_column"}" >"$metadata"

mkdir -p "$(dirname "$out")"
(cd "$work/src" && CGO_ENABLED=0 GOFLAGS=-mod=mod \
  go build -trimpath -tags ferretdb_no_postgresql -o "$out.tmp" ./cmd/ferretdb) >&2
mv "$out.tmp" "$out"
echo "$out"

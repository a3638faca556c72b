#!/usr/bin/env bash
# The one test command: provisions what the suites need on a fresh machine (packages, Node.js,
# dependencies, Redis, the MongoDB-wire server, the Docker engine), then runs every suite.
# Extra arguments go to vitest, for example `npm test -- test/service`.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

bash scripts/setup.sh
source scripts/env.sh
bash scripts/test-services.sh
bash scripts/docker-engine.sh

report="$root/.test-services/vitest-report.json"
rm -f "$report"
status=0
npx vitest run --reporter=default --reporter=json --outputFile.json="$report" "$@" || status=$?

# A plain closing line that any CI can read, whatever the reporter printed above it.
node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const skipped = r.numPendingTests + r.numTodoTests;
  console.log(`vitest: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${skipped} skipped`);
' "$report" || true
exit "$status"

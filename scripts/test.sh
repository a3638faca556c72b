#!/usr/bin/env bash
# The one test command: provisions what the suites need on a fresh machine (packages, Node.js,
# dependencies, Redis, the MongoDB-wire server, the Docker engine and the offline base images
# the e2e suite builds on), then runs every suite.
# Extra arguments go to vitest, for example `npm test -- test/service`.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

bash scripts/setup.sh
source scripts/env.sh
bash scripts/test-services.sh
bash scripts/docker-engine.sh

# The base images take about 8 minutes on a fresh machine and seconds once current; their
# build output is long, so it goes to a log that is shown only when they fail.
mkdir -p .test-services
base_log="$root/.test-services/base-images.log"
echo "[test] assembling the offline base images (log: $base_log)"
bash scripts/images/base.sh >"$base_log" 2>&1 || { tail -n 60 "$base_log"; exit 1; }

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

import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { testServices } from '../test/support/services.js';
import { fuzz } from '../test/fuzz/fuzz.js';

// `npm run fuzz [-- --requests N]`: schemathesis against a fresh service process on the real
// Redis and MongoDB-wire server, in rounds with new seeds until at least N requests (10,000
// by default) were sent. Writes bench/results/fuzz.json and exits non-zero on any failure.
const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '10000' },
    examples: { type: 'string', default: '300' },
    'max-rounds': { type: 'string', default: '10' },
  },
});

const summary = await fuzz(
  testServices(),
  { maxExamples: Number(values.examples), workers: 2, seed: 1 },
  Number(values.requests),
  Number(values['max-rounds']),
);

const out = fileURLToPath(new URL('../bench/results/', import.meta.url));
mkdirSync(out, { recursive: true });
writeFileSync(`${out}fuzz.json`, `${JSON.stringify(summary, null, 2)}\n`);

const serverErrors = Object.entries(summary.statuses).filter(([status]) => status.startsWith('5'));
console.log(
  `schemathesis: ${summary.requests} requests in ${summary.rounds} rounds, ${summary.seconds} s`,
);
console.log(`statuses: ${JSON.stringify(summary.statuses)}`);
console.log(`phases: ${JSON.stringify(summary.phases)}`);
console.log(`goal failures: ${JSON.stringify(summary.failures)}`);
for (const key of Object.keys(summary.failures)) console.log(`  ${key}: ${summary.examples[key]}`);
console.log(`advisories (stricter than the goal): ${JSON.stringify(summary.advisories)}`);
console.log(`error log lines: ${summary.errorLogLines.length}`);
console.log(`written to ${out}fuzz.json`);

const failed =
  serverErrors.length > 0 ||
  summary.errorLogLines.length > 0 ||
  Object.keys(summary.failures).length > 0;
process.exitCode = failed ? 1 : 0;

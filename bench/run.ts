import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { testServices } from '../test/support/services.js';
import { containerFigures } from './items/container.js';
import { recoveryFigures } from './items/recovery.js';
import { serviceFigures, type Attempt } from './items/service-load.js';
import { describeMachine, finish } from './machine.js';
import { toMarkdown, toSummary } from './render.js';
import type { BenchReport, Figure } from './report.js';
import { FULL, QUICK } from './sizes.js';

// `npm run bench [-- --quick] [-- --out DIR]`: every comparison in one process run, back to
// back, so that whatever else loads the machine weighs on both sides of each comparison.
const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: process.env.BENCH_QUICK === '1' },
    out: { type: 'string', default: fileURLToPath(new URL('results/', import.meta.url)) },
  },
});
const quick = values.quick;
const sizes = quick ? QUICK : FULL;

const figures: Figure[] = [];
const attempt: Attempt = async (name, title, run) => {
  const began = Date.now();
  process.stderr.write(`[bench] ${name}...\n`);
  try {
    figures.push(...(await run()));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    figures.push({ name, title, status: 'failed', reason: reason.slice(0, 2000) });
  }
  process.stderr.write(`[bench] ${name} done in ${((Date.now() - began) / 1000).toFixed(1)} s\n`);
};

const startedAt = new Date();
const machine = describeMachine();

await attempt('recovery', 'TRON signature recovery', () => recoveryFigures(sizes.recovery));
await attempt('service', 'Service process under load', async () => {
  await serviceFigures(testServices(), sizes, attempt);
  return [];
});
await attempt('container', 'Container image figures', () => containerFigures({ quick }));

finish(machine);
const report: BenchReport = {
  schemaVersion: 1,
  mode: quick ? 'quick' : 'full',
  startedAt: startedAt.toISOString(),
  seconds: Math.round((Date.now() - startedAt.getTime()) / 1000),
  command: quick ? 'npm run bench -- --quick' : 'npm run bench',
  machine,
  figures,
};

mkdirSync(values.out, { recursive: true });
writeFileSync(join(values.out, 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
writeFileSync(join(values.out, 'latest.md'), toMarkdown(report));
console.log(toSummary(report));
console.log(`\nWritten to ${join(values.out, 'latest.json')} and latest.md`);

// Goals are reported, never enforced; only a bench that could not measure fails.
process.exitCode = figures.some((figure) => figure.status === 'failed') ? 1 : 0;

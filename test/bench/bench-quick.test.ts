import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { afterAll, describe, expect, it } from 'vitest';

import type { BenchReport } from '../../bench/report.js';

const run = promisify(execFile);
const out = mkdtempSync(join(tmpdir(), 'lucid-bench-'));

// The bench is run once at its tiny size to prove that every item still works; speed is
// never asserted here (goals live in `npm run bench`).
describe('npm run bench -- --quick', () => {
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it(
    'measures every item and writes a report whose figures have the documented shape',
    { timeout: 180_000 },
    async () => {
      await run(process.execPath, ['--import', 'tsx', 'bench/run.ts', '--quick', '--out', out], {
        timeout: 170_000,
      }).catch((error: Error & { stdout?: string; stderr?: string }) => {
        throw new Error(`bench failed: ${error.message}\n${error.stdout}\n${error.stderr}`);
      });
      const report = JSON.parse(readFileSync(join(out, 'latest.json'), 'utf8')) as BenchReport;

      expect(report).toMatchObject({ schemaVersion: 1, mode: 'quick' });
      expect(report.machine.cores).toBeGreaterThan(0);
      expect(report.machine.cpuModel).not.toBe('');

      const names = report.figures.map((figure) => figure.name);
      expect(names).toEqual(
        expect.arrayContaining([
          'recovery.vs-tronweb',
          'recovery.vs-raw',
          'users-me.peak',
          'users-me.p99-at-half-peak',
          'sign-in.rate',
          'refresh.rate',
          'memory.rss-after-load',
        ]),
      );
      expect(names.filter((name) => name.startsWith('meta-info.c')).length).toBeGreaterThan(1);
      expect(names.some((name) => name.startsWith('container'))).toBe(true);

      for (const figure of report.figures) {
        expect(figure.status, `${figure.name}: ${figure.reason}`).not.toBe('failed');
        if (figure.status === 'not-measured') {
          expect(figure.reason, figure.name).toMatch(/\S/);
          continue;
        }
        expect(Number.isFinite(figure.value), figure.name).toBe(true);
        if (figure.baseline) expect(figure.ratio, figure.name).toBeGreaterThan(0);
        if (figure.goal) expect(typeof figure.met, figure.name).toBe('boolean');
      }
      expect(readFileSync(join(out, 'latest.md'), 'utf8')).toContain('| recovery.vs-tronweb |');
    },
  );
});

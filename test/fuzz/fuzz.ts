import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { startFuzzTarget, type Stores } from './fuzz-target.js';
import { runSchemathesis, type FuzzBudget } from './schemathesis.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../', import.meta.url));
const summarizer = fileURLToPath(new URL('summarize.py', import.meta.url));

/** Checks whose failure breaks the goal: no 5xx, responses as documented, auth enforced. */
export const GOAL_CHECKS = new Set([
  'not_a_server_error',
  'status_code_conformance',
  'content_type_conformance',
  'response_headers_conformance',
  'response_schema_conformance',
  'ignored_auth',
]);

/** What schemathesis' NDJSON report says, summed over rounds. */
export interface FuzzSummary {
  requests: number;
  rounds: number;
  seconds: number;
  statuses: Record<string, number>;
  phases: Record<string, number>;
  /** Per operation label, responses by status. */
  operations: Record<string, Record<string, number>>;
  /** Failures of GOAL_CHECKS, as "check METHOD path": count. */
  failures: Record<string, number>;
  /** Failures of the other checks (stricter than the goal), reported, not failing. */
  advisories: Record<string, number>;
  /** One message per failing check and operation. */
  examples: Record<string, string>;
  /** Service log lines at error level or above (a 5xx always logs one). */
  errorLogLines: string[];
}

interface RoundSummary {
  requests: number;
  statuses: Record<string, number>;
  phases: Record<string, number>;
  operations: Record<string, Record<string, number>>;
  failures: Record<string, number>;
  failureExamples: Record<string, string>;
}

function add(into: Record<string, number>, from: Record<string, number>): void {
  for (const [key, count] of Object.entries(from)) into[key] = (into[key] ?? 0) + count;
}

/** The schemathesis command in the project's venv, creating the venv when missing. */
export async function schemathesisCommand(): Promise<string> {
  const { stdout } = await run('bash', ['scripts/fuzz-venv.sh'], { cwd: root, timeout: 600_000 });
  return stdout.trim();
}

/**
 * Fuzzes a fresh service process with schemathesis: rounds of `budget` (each with its own
 * seed) until at least `minRequests` requests were sent or `maxRounds` ran.
 */
export async function fuzz(
  stores: Stores,
  budget: FuzzBudget,
  minRequests: number,
  maxRounds: number,
): Promise<FuzzSummary> {
  const st = await schemathesisCommand();
  const python = join(st, '..', 'python');
  const workDir = mkdtempSync(join(tmpdir(), 'lucid-fuzz-'));
  const target = await startFuzzTarget(stores, workDir);
  const began = Date.now();
  const summary: FuzzSummary = {
    requests: 0,
    rounds: 0,
    seconds: 0,
    statuses: {},
    phases: {},
    operations: {},
    failures: {},
    advisories: {},
    examples: {},
    errorLogLines: [],
  };
  try {
    while (summary.rounds < maxRounds && summary.requests < minRequests) {
      const reportDir = join(workDir, `round-${summary.rounds}`);
      const seed = (budget.seed ?? 1) + summary.rounds;
      const outcome = await runSchemathesis(st, target, { ...budget, seed }, reportDir);
      const ndjson = readdirSync(reportDir).find((name) => name.endsWith('.ndjson'));
      if (!ndjson) throw new Error(`schemathesis wrote no report:\n${outcome.output.slice(-3000)}`);

      const { stdout } = await run(python, [summarizer, join(reportDir, ndjson)], {
        maxBuffer: 64 * 1024 * 1024,
      });
      const round = JSON.parse(stdout) as RoundSummary;
      summary.rounds++;
      summary.requests += round.requests;
      add(summary.statuses, round.statuses);
      add(summary.phases, round.phases);
      for (const [label, counts] of Object.entries(round.operations)) {
        add((summary.operations[label] ??= {}), counts);
      }
      for (const [key, count] of Object.entries(round.failures)) {
        const bucket = GOAL_CHECKS.has(key.split(' ')[0]!) ? summary.failures : summary.advisories;
        bucket[key] = (bucket[key] ?? 0) + count;
        summary.examples[key] ??= round.failureExamples[key] ?? '';
      }
    }
    summary.errorLogLines = target.service
      .log()
      .split('\n')
      .filter((line) => /"level":(50|60)/.test(line))
      .slice(0, 20);
    return summary;
  } finally {
    summary.seconds = Math.round((Date.now() - began) / 1000);
    await target.stop();
    rmSync(workDir, { recursive: true, force: true });
  }
}

import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import type { FuzzTarget } from './fuzz-target.js';

/** How long and how hard one schemathesis run is. */
export interface FuzzBudget {
  /** Test cases per operation and phase. */
  maxExamples: number;
  /** Seconds for the whole run; fuzzing and stateful phases repeat until it is spent. */
  maxSeconds?: number;
  workers: number;
  seed?: number;
}

/** The outcome of a run, read from schemathesis' own report. */
export interface FuzzOutcome {
  exitCode: number;
  reportDir: string;
  output: string;
}

const hooksDir = fileURLToPath(new URL('.', import.meta.url));

// Checks that decide the goal: no 5xx, status codes, content types, headers and bodies as
// documented, invalid input refused, and the stateful resource checks.
export const CHECKS = [
  'not_a_server_error',
  'status_code_conformance',
  'content_type_conformance',
  'response_headers_conformance',
  'response_schema_conformance',
  'negative_data_rejection',
  'use_after_free',
  'ensure_resource_availability',
  'ignored_auth',
];

/**
 * Runs `st run` against the target's schema copy and base URL, with the hooks in
 * test/fuzz/lucid_hooks.py, writing its JUnit and NDJSON reports to `reportDir`.
 */
export function runSchemathesis(
  st: string,
  target: FuzzTarget,
  budget: FuzzBudget,
  reportDir: string,
): Promise<FuzzOutcome> {
  const args = [
    'run',
    target.schemaPath,
    '--url',
    target.service.url,
    '--checks',
    CHECKS.join(','),
    '--phases',
    'examples,coverage,fuzzing,stateful',
    '--max-examples',
    String(budget.maxExamples),
    '--workers',
    String(budget.workers),
    '--request-timeout',
    '10',
    '--report',
    'junit,ndjson',
    '--report-dir',
    reportDir,
    '--no-color',
    ...(budget.maxSeconds ? ['--max-time', String(budget.maxSeconds)] : []),
    ...(budget.seed === undefined ? [] : ['--seed', String(budget.seed)]),
  ];
  // schemathesis keeps a cache of past failures in .schemathesis/ under its working
  // directory and replays them. The run's own temporary directory keeps that out of the
  // checkout, and every seeded run starting from nothing is what makes it repeatable.
  const child = spawn(st, args, {
    cwd: dirname(reportDir),
    env: {
      ...process.env,
      PYTHONPATH: hooksDir,
      SCHEMATHESIS_HOOKS: 'lucid_hooks',
      PYTHONDONTWRITEBYTECODE: '1',
      LUCID_FUZZ_HELPER: target.helper.url,
      LUCID_FUZZ_ADDRESS: target.wallet.address.base58,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });

  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => resolve({ exitCode: code ?? 1, reportDir, output }));
  });
}

/** Reads a file of the report directory, or '' when schemathesis did not write it. */
export function readReport(outcome: FuzzOutcome, name: string): string {
  try {
    return readFileSync(join(outcome.reportDir, name), 'utf8');
  } catch {
    return '';
  }
}

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import type { PolicyPackConfig } from '@pulumi/policy';

import { PACK_DIRECTORY } from '../lib/paths.js';
import { policies } from '../pack.js';
import { analyzeAll, type EngineResource, type Finding } from './analyze.js';
import { settleConfig } from './config.js';
import { recordProgram, recordStack, type RecordMode } from './record.js';

/** What to gate: a stack of the repository, or a program file (optionally with a stack). */
export interface GateOptions {
  stack?: string;
  program?: string;
  /** Pack config file; defaults to policies/config/<stack>.json when that exists. */
  configFile?: string;
  /** Directory relative build paths resolve against; the working directory by default. */
  projectDirectory?: string;
}

/** The resources a run declared and what the pack found in them. */
export interface GateResult {
  resources: EngineResource[];
  /** Findings with computed outputs resolved by the mocks, as at `pulumi up`. */
  findings: Finding[];
  /**
   * Checks that read a value unknown until apply, so `pulumi preview` cannot run them (the
   * SDK reports each as an advisory note); the gate ran them on the mocks' values above.
   */
  unknownAtPreview: Finding[];
  /** True when a mandatory policy was violated or a policy failed to run. */
  failed: boolean;
}

/** Raised for a gate that cannot run at all (bad arguments or config). */
export class GateError extends Error {
  readonly code = 'GATE_USAGE';
}

function packConfig(options: GateOptions): PolicyPackConfig | undefined {
  const file =
    options.configFile ??
    (options.stack === undefined
      ? undefined
      : path.join(PACK_DIRECTORY, 'config', `${options.stack}.json`));
  if (file === undefined || (!existsSync(file) && options.configFile === undefined)) {
    return undefined;
  }
  return JSON.parse(readFileSync(file, 'utf8')) as PolicyPackConfig;
}

// The CLI starts the pack in its own directory, so Dockerfile paths need the project's; the
// gate knows it, and passes it to every policy that reads files.
function projectConfig(directory: string): PolicyPackConfig {
  const config: PolicyPackConfig = {};
  for (const policy of policies) {
    if (policy.configSchema?.properties.programDirectory !== undefined) {
      config[policy.name] = { programDirectory: directory };
    }
  }
  return config;
}

/** Records the program's resources under mocks and runs the whole pack over them. */
export async function runGate(options: GateOptions): Promise<GateResult> {
  if (options.stack === undefined && options.program === undefined) {
    throw new GateError('name a stack, or a program file with --program');
  }

  const directory = path.resolve(options.projectDirectory ?? process.cwd());
  const { config, errors } = settleConfig(
    policies,
    'advisory',
    projectConfig(directory),
    packConfig(options),
  );
  if (errors.length > 0) throw new GateError(`invalid pack config: ${errors.join('; ')}`);

  const record = (mode: RecordMode) =>
    options.program === undefined
      ? recordStack(options.stack as string, mode)
      : recordProgram(path.resolve(options.program), mode, options.stack);

  const resources = await record('resolved');
  const findings = await analyzeAll(policies, config, resources);
  const preview = await analyzeAll(policies, config, await record('preview'));
  const unknownAtPreview = preview.filter((finding) => finding.kind === 'unknown');

  const failed = [...findings, ...preview].some(
    (finding) =>
      finding.kind === 'error' ||
      (finding.kind === 'violation' && finding.enforcementLevel === 'mandatory'),
  );
  return { resources, findings, unknownAtPreview, failed };
}

import { parseArgs } from 'node:util';

import { listStacks } from '../../infra/testing/stack-files.js';
import { GateError, runGate, type GateOptions } from './gate.js';
import { formatReport } from './report.js';

const USAGE = `usage: npm run gate -- <stack>... | --all [--config <pack-config.json>]
       npm run gate -- --program <file> [--stack <stack>] [--config <pack-config.json>]

Runs the program under Pulumi mocks, records every resource, runs the whole policy pack
(resource and stack policies) over them, prints the findings by resource and the checks a
preview cannot run, and exits 1 on any mandatory violation (2 on a usage error).`;

function runs(values: { program?: string; stack?: string; all?: boolean }, stacks: string[]) {
  if (values.program !== undefined) {
    if (stacks.length > 0 || values.all === true) throw new GateError(USAGE);
    return [{ program: values.program, ...(values.stack ? { stack: values.stack } : {}) }];
  }
  const chosen =
    values.all === true ? listStacks() : [...stacks, ...(values.stack ? [values.stack] : [])];
  if (chosen.length === 0) throw new GateError(USAGE);
  return chosen.map((stack) => ({ stack }));
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      program: { type: 'string' },
      stack: { type: 'string' },
      config: { type: 'string' },
      all: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help === true) {
    console.log(USAGE);
    return 0;
  }

  let failed = false;
  const targets: GateOptions[] = runs(values, positionals);
  for (const target of targets) {
    const result = await runGate({
      ...target,
      ...(values.config === undefined ? {} : { configFile: values.config }),
    });
    if (targets.length > 1) console.log(`== ${target.stack ?? target.program}`);
    console.log(formatReport(result.resources, result.findings, result.unknownAtPreview));
    failed ||= result.failed;
  }
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof GateError ? error.message : error);
    process.exit(2);
  },
);

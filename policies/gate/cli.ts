import { parseArgs } from 'node:util';

import { GateError, runGate } from './gate.js';
import { formatReport } from './report.js';

const USAGE = `usage: npm run gate -- <stack> [--config <pack-config.json>]
       npm run gate -- --program <file> [--stack <stack>] [--config <pack-config.json>]

Runs the program under Pulumi mocks as a preview, records every resource, runs the whole
policy pack (resource and stack policies) over them, and exits 1 on any mandatory violation.`;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      program: { type: 'string' },
      stack: { type: 'string' },
      config: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help === true) {
    console.log(USAGE);
    return 0;
  }

  const stack = values.stack ?? positionals[0];
  if (positionals.length > 1 || (stack === undefined && values.program === undefined)) {
    console.error(USAGE);
    return 2;
  }

  const result = await runGate({
    ...(stack === undefined ? {} : { stack }),
    ...(values.program === undefined ? {} : { program: values.program }),
    ...(values.config === undefined ? {} : { configFile: values.config }),
  });
  console.log(formatReport(result.resources, result.findings, result.unknownAtPreview));
  return result.failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof GateError ? `gate: ${error.message}` : error);
    process.exit(2);
  },
);

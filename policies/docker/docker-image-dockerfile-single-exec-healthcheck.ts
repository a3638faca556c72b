import { forbiddenProgram } from '../lib/commands.js';
import { dockerfilePolicy } from '../lib/dockerfile/policy.js';
import { execForm } from '../lib/dockerfile/parse.js';

/**
 * One health check the image can run: distroless has no shell, so the shell form (and curl or
 * wget) would always report unhealthy (CIS Docker 4.6, hadolint DL3057 and DL3012).
 */
export const dockerImageDockerfileSingleExecHealthcheck = dockerfilePolicy({
  name: 'docker-image-dockerfile-single-exec-healthcheck',
  description:
    'The built stage has exactly one HEALTHCHECK, in exec form (CMD ["…"]), running no ' +
    'shell, curl or wget.',
  enforcementLevel: 'mandatory',
  severity: 'medium',
  validate: ({ final, file }, _context, report) => {
    const checks = final.chain
      .flatMap((stage) => stage.instructions)
      .filter((instruction) => instruction.keyword === 'HEALTHCHECK');
    if (checks.length !== 1) {
      report(`${file} has ${checks.length} HEALTHCHECK instructions in the built stage; keep one.`);
    }
    const check = checks.at(-1);
    if (check === undefined) return;

    const command = /^CMD\s+(.*)$/is.exec(check.args)?.[1];
    const exec = command === undefined ? undefined : execForm(command);
    if (exec === undefined) {
      report(`${file}:${check.line} HEALTHCHECK ${check.args} is not exec form; use CMD ["…"].`);
      return;
    }
    const program = forbiddenProgram(exec);
    if (program !== undefined) {
      report(`${file}:${check.line} HEALTHCHECK runs ${program}; run the image's node instead.`);
    }
  },
});

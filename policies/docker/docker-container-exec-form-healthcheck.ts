import { forbiddenProgram } from '../lib/commands.js';
import { containerPolicy } from '../lib/docker.js';

const TIMINGS = ['interval', 'timeout'] as const;

/** Health checks Docker can run without a shell (CIS Docker 5.27; distroless has none). */
export const dockerContainerExecFormHealthcheck = containerPolicy({
  name: 'docker-container-exec-form-healthcheck',
  description:
    'Docker containers have an exec-form health check (["CMD", …]) that runs no shell, curl ' +
    'or wget, with interval, timeout and retries set (CIS Docker 5.27).',
  enforcementLevel: 'mandatory',
  severity: 'medium',
  validate: (container, _context, report) => {
    const healthcheck = container.healthcheck;
    const tests = healthcheck?.tests ?? [];
    if (healthcheck === undefined || tests.length === 0 || tests[0] === 'NONE') {
      report('no health check is set; set healthcheck.tests to ["CMD", <program>, …].');
      return;
    }
    if (tests[0] !== 'CMD' || tests.length < 2) {
      report(
        `healthcheck.tests starts with ${tests[0]}; use the exec form ` + '["CMD", <program>, …].',
      );
    }
    const program = forbiddenProgram(tests.slice(1));
    if (program !== undefined) {
      report(`health check runs ${program}; run a program the image ships (e.g. node).`);
    }
    for (const timing of TIMINGS) {
      if (healthcheck[timing] === undefined) report(`healthcheck.${timing} is unset; set it.`);
    }
    if (healthcheck.retries === undefined) report('healthcheck.retries is unset; set it.');
  },
});

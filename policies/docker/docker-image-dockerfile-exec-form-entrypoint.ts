import { dockerfilePolicy } from '../lib/dockerfile/policy.js';
import { execForm } from '../lib/dockerfile/parse.js';

/**
 * Starts the process without a shell: the shell form needs /bin/sh (absent in distroless) and
 * keeps SIGTERM from reaching Node (hadolint DL3025).
 */
export const dockerImageDockerfileExecFormEntrypoint = dockerfilePolicy({
  name: 'docker-image-dockerfile-exec-form-entrypoint',
  description: 'CMD and ENTRYPOINT of the built stage use the exec (JSON array) form.',
  enforcementLevel: 'mandatory',
  severity: 'medium',
  validate: ({ final, file }, _context, report) => {
    for (const instruction of final.chain.flatMap((stage) => stage.instructions)) {
      if (instruction.keyword !== 'CMD' && instruction.keyword !== 'ENTRYPOINT') continue;
      if (execForm(instruction.args) === undefined) {
        report(
          `${file}:${instruction.line} ${instruction.keyword} ${instruction.args} is shell ` +
            'form; use the JSON array form.',
        );
      }
    }
  },
});

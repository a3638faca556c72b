import { dockerfilePolicy } from '../lib/dockerfile/policy.js';

/** Copies with COPY only: ADD fetches URLs and unpacks archives implicitly (CIS Docker 4.9). */
export const dockerImageDockerfileNoAdd = dockerfilePolicy({
  name: 'docker-image-dockerfile-no-add',
  description: 'The Dockerfile uses COPY, never ADD (CIS Docker 4.9, hadolint DL3020).',
  enforcementLevel: 'mandatory',
  severity: 'medium',
  validate: ({ instructions, file }, _context, report) => {
    for (const instruction of instructions) {
      if (instruction.keyword === 'ADD') {
        report(`${file}:${instruction.line} uses ADD ${instruction.args}; use COPY.`);
      }
    }
  },
});

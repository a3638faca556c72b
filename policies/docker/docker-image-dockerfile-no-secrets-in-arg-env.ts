import { dockerfilePolicy } from '../lib/dockerfile/policy.js';
import { keyValuePairs } from '../lib/dockerfile/parse.js';
import { disablesTls, isSecretName, literalSecretReason } from '../lib/secrets.js';

/**
 * Keeps secrets out of the image: ARG and ENV values are stored in the image history for
 * anyone who can pull it (CIS Docker 4.10, hadolint DL3064, Trivy DS-0031).
 */
export const dockerImageDockerfileNoSecretsInArgEnv = dockerfilePolicy({
  name: 'docker-image-dockerfile-no-secrets-in-arg-env',
  description:
    'No ARG or ENV of the Dockerfile carries a secret (by name or by value) or turns TLS ' +
    'verification off.',
  enforcementLevel: 'mandatory',
  severity: 'critical',
  validate: ({ instructions, file }, _context, report) => {
    for (const instruction of instructions) {
      if (instruction.keyword !== 'ARG' && instruction.keyword !== 'ENV') continue;
      for (const { key, value } of keyValuePairs(instruction.args)) {
        const where = `${file}:${instruction.line} ${instruction.keyword} ${key}`;
        const reason = value === undefined ? undefined : literalSecretReason(key, value);
        if (reason !== undefined || (value === undefined && isSecretName(key))) {
          report(`${where} would carry a secret into the image; pass it at run time as a file.`);
        } else if (value !== undefined && disablesTls(key, value)) {
          report(`${where}=${value} turns certificate verification off; remove it.`);
        }
      }
    }
  },
});

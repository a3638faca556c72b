import { containerPolicy } from '../lib/docker.js';
import { literalSecretReason, splitEnv } from '../lib/secrets.js';

/** Delivers secrets as files, never as environment values anyone with `inspect` can read. */
export const dockerContainerNoLiteralSecretsInEnv = containerPolicy({
  name: 'docker-container-no-literal-secrets-in-env',
  description:
    'Docker containers receive no secret as an environment value: secret-named variables, ' +
    'URL passwords and private keys are delivered as files (*_FILE) (CIS Docker 4.10).',
  enforcementLevel: 'mandatory',
  severity: 'critical',
  validate: (container, _context, report) => {
    for (const entry of container.envs ?? []) {
      const { name, value } = splitEnv(entry);
      const reason = literalSecretReason(name, value);
      if (reason !== undefined) {
        report(`${reason}; mount the secret as a file and pass its path in ${name}_FILE.`);
      }
    }
  },
});

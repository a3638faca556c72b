import { containerPolicy } from '../lib/docker.js';
import { disablesTls, splitEnv } from '../lib/secrets.js';

/** Keeps certificate checks on (Checkov CKV2_DOCKER_6, _12, _13). */
export const dockerContainerTlsVerificationEnabled = containerPolicy({
  name: 'docker-container-tls-verification-enabled',
  description:
    'Docker containers never turn TLS certificate verification off through the environment ' +
    '(NODE_TLS_REJECT_UNAUTHORIZED=0 and the like).',
  enforcementLevel: 'mandatory',
  severity: 'high',
  validate: (container, _context, report) => {
    for (const entry of container.envs ?? []) {
      const { name, value } = splitEnv(entry);
      if (disablesTls(name, value)) {
        report(`${name}=${value} turns certificate verification off; remove it.`);
      }
    }
  },
});

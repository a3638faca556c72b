import { containerPolicy, securityOptions } from '../lib/docker.js';

/** Keeps an AppArmor profile where the host runs AppArmor (CIS Docker 5.2). */
export const dockerContainerApparmorNotUnconfined = containerPolicy({
  name: 'docker-container-apparmor-not-unconfined',
  description: 'Docker containers never run with AppArmor unconfined (CIS Docker 5.2).',
  enforcementLevel: 'mandatory',
  severity: 'high',
  validate: (container, _context, report) => {
    for (const { key, value } of securityOptions(container)) {
      if (key === 'apparmor' && value === 'unconfined') {
        report('securityOpts sets apparmor unconfined; keep docker-default or a custom profile.');
      }
    }
  },
});

import { containerPolicy } from '../lib/docker.js';

/** Keeps bind mounts from propagating mounts back to the host (CIS Docker 5.20). */
export const dockerContainerPrivateMountPropagation = containerPolicy({
  name: 'docker-container-private-mount-propagation',
  description: 'Docker bind mounts never use shared propagation (CIS Docker 5.20).',
  enforcementLevel: 'mandatory',
  severity: 'medium',
  validate: (container, _context, report) => {
    for (const mount of container.mounts ?? []) {
      const propagation = mount.bindOptions?.propagation;
      if (propagation === 'shared' || propagation === 'rshared') {
        report(
          `mount at ${mount.target} uses ${propagation} propagation; use private or rprivate.`,
        );
      }
    }
  },
});

import { containerPolicy, tmpfsOf } from '../lib/docker.js';

/** Caps every tmpfs, since tmpfs pages count against host memory (Kyverno emptydir-sizelimit). */
export const dockerContainerTmpfsSizeLimited = containerPolicy({
  name: 'docker-container-tmpfs-size-limited',
  description: 'Every tmpfs of a Docker container has a size limit.',
  enforcementLevel: 'mandatory',
  severity: 'medium',
  validate: (container, _context, report) => {
    for (const tmpfs of tmpfsOf(container)) {
      if (tmpfs.sizeBytes === undefined || tmpfs.sizeBytes <= 0) {
        report(
          `tmpfs at ${tmpfs.target} has no size limit; set size= (or tmpfsOptions.sizeBytes).`,
        );
      }
    }
  },
});

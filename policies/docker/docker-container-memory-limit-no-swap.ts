import { containerPolicy } from '../lib/docker.js';

/** Bounds memory and forbids swap (CIS Docker 5.11): a swapping Pi stalls every container. */
export const dockerContainerMemoryLimitNoSwap = containerPolicy({
  name: 'docker-container-memory-limit-no-swap',
  description:
    'Docker containers have a memory limit (MB) and memorySwap equal to it, so they never ' +
    'swap (CIS Docker 5.11).',
  enforcementLevel: 'mandatory',
  severity: 'high',
  validate: (container, _context, report) => {
    const memory = container.memory;
    if (memory === undefined || memory <= 0) {
      report('memory is unset; set a memory limit in MB.');
      return;
    }
    // Docker lets a container with --memory and no --memory-swap use as much swap again.
    if (container.memorySwap !== memory) {
      report(
        `memorySwap is ${container.memorySwap ?? 'unset'}; set it equal to memory (${memory}) ` +
          'so the container cannot swap.',
      );
    }
  },
});

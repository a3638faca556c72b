import { containerPolicy } from '../lib/docker.js';

/** Bounds CPU time (CIS Docker 5.12): shares alone do not cap a busy neighbour. */
export const dockerContainerCpuLimit = containerPolicy({
  name: 'docker-container-cpu-limit',
  description:
    'Docker containers have a CPU limit: cpus, or cpuQuota with cpuPeriod (CIS Docker 5.12).',
  enforcementLevel: 'mandatory',
  severity: 'medium',
  validate: (container, _context, report) => {
    const cpus = Number(container.cpus);
    if (container.cpus !== undefined && Number.isFinite(cpus) && cpus > 0) return;
    if ((container.cpuQuota ?? 0) > 0) return;
    report('no CPU limit is set; set cpus (e.g. "2") or cpuQuota.');
  },
});

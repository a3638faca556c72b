import { workloadPolicy } from '../lib/workload.js';

/** Caps scratch space so one pod cannot fill the node's disk or memory (Kyverno). */
export const kubernetesWorkloadEmptydirSizeLimit = workloadPolicy({
  name: 'kubernetes-workload-emptydir-size-limit',
  description: 'Every emptyDir volume has a sizeLimit (Kyverno add-emptydir-sizelimit).',
  enforcementLevel: 'mandatory',
  severity: 'medium',
  validate: ({ spec }, _context, report) => {
    for (const volume of spec.volumes ?? []) {
      if (volume.emptyDir !== undefined && volume.emptyDir.sizeLimit === undefined) {
        report(`emptyDir volume '${volume.name}' has no sizeLimit; set one.`);
      }
    }
  },
});

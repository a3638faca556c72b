import { workloadPolicy } from '../lib/workload.js';

/** Pod Security baseline "HostPath Volumes"; also keeps the runtime socket out (CKV_K8S_27). */
export const kubernetesWorkloadNoHostPathVolumes = workloadPolicy({
  name: 'kubernetes-workload-no-host-path-volumes',
  description: 'Pods mount no hostPath volume (Pod Security baseline; Trivy KSV-0023).',
  enforcementLevel: 'mandatory',
  severity: 'critical',
  validate: ({ spec }, _context, report) => {
    for (const volume of spec.volumes ?? []) {
      if (volume.hostPath !== undefined) {
        report(`volume '${volume.name}' mounts host path ${volume.hostPath.path}; use a PVC.`);
      }
    }
  },
});

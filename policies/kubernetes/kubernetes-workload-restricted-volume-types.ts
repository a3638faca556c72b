import { workloadPolicy } from '../lib/workload.js';

const ALLOWED = [
  'configMap',
  'csi',
  'downwardAPI',
  'emptyDir',
  'ephemeral',
  'persistentVolumeClaim',
  'projected',
  'secret',
];

/** Pod Security restricted "Volume Types". */
export const kubernetesWorkloadRestrictedVolumeTypes = workloadPolicy({
  name: 'kubernetes-workload-restricted-volume-types',
  description:
    'Pod volumes are only configMap, csi, downwardAPI, emptyDir, ephemeral, ' +
    'persistentVolumeClaim, projected or secret (Pod Security restricted).',
  enforcementLevel: 'mandatory',
  severity: 'high',
  validate: ({ spec }, _context, report) => {
    for (const volume of spec.volumes ?? []) {
      const kinds = Object.keys(volume).filter((key) => key !== 'name');
      for (const kind of kinds.filter((key) => !ALLOWED.includes(key))) {
        report(`volume '${volume.name}' is of type ${kind}; use one of ${ALLOWED.join(', ')}.`);
      }
    }
  },
});

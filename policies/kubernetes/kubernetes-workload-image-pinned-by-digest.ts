import { isPinnedByDigest } from '../lib/images.js';
import { containersOf } from '../lib/k8s.js';
import { workloadPolicy } from '../lib/workload.js';

/** Runs exactly the reviewed image on every node (CKV_K8S_43, Kyverno require-image-checksum). */
export const kubernetesWorkloadImagePinnedByDigest = workloadPolicy({
  name: 'kubernetes-workload-image-pinned-by-digest',
  description: 'Every container image is referenced by sha256 digest.',
  enforcementLevel: 'mandatory',
  severity: 'high',
  validate: ({ spec }, _context, report) => {
    for (const { container, label } of containersOf(spec)) {
      const image = container.image ?? '';
      if (!isPinnedByDigest(image)) {
        report(`${label} image '${image}' is not pinned; reference it by @sha256 digest.`);
      }
    }
  },
});

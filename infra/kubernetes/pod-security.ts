import type * as k8s from '@pulumi/kubernetes';

import type { ServiceModel } from '../model/app-model.js';

type PodSecurityContext = k8s.types.input.core.v1.PodSecurityContext;
type SecurityContext = k8s.types.input.core.v1.SecurityContext;

/** Pod-level settings of the restricted Pod Security Standard, with the service's ids. */
export function podSecurityContext(service: ServiceModel): PodSecurityContext {
  return {
    runAsNonRoot: true,
    runAsUser: service.uid,
    runAsGroup: service.gid,
    fsGroup: service.gid,
    fsGroupChangePolicy: 'OnRootMismatch',
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

/** Container-level settings of the restricted profile, plus a read-only root. */
export function containerSecurityContext(service: ServiceModel): SecurityContext {
  return {
    runAsNonRoot: true,
    runAsUser: service.uid,
    runAsGroup: service.gid,
    allowPrivilegeEscalation: false,
    privileged: false,
    readOnlyRootFilesystem: true,
    capabilities: { drop: ['ALL'] },
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

import { containersOf } from '../lib/k8s.js';
import { workloadPolicy } from '../lib/workload.js';

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;
const HOOKS = ['postStart', 'preStop'] as const;

interface Handler {
  httpGet?: { host?: string };
  tcpSocket?: { host?: string };
}

function overriddenHost(handler: Handler | undefined): string | undefined {
  const host = handler?.httpGet?.host ?? handler?.tcpSocket?.host;
  return host === '' ? undefined : host;
}

/** Pod Security baseline "Probes and lifecycle hooks" (Kubernetes 1.34): no probing elsewhere. */
export const kubernetesWorkloadProbesNoHostOverride = workloadPolicy({
  name: 'kubernetes-workload-probes-no-host-override',
  description:
    'Probes and lifecycle hooks never set httpGet.host or tcpSocket.host (Pod Security ' +
    'baseline), so the kubelet cannot be pointed at another address.',
  enforcementLevel: 'mandatory',
  severity: 'medium',
  validate: ({ spec }, _context, report) => {
    for (const { container, label } of containersOf(spec)) {
      for (const probe of PROBES) {
        const host = overriddenHost(container[probe]);
        if (host !== undefined) report(`${label} ${probe} targets host ${host}; leave host unset.`);
      }
      for (const hook of HOOKS) {
        const host = overriddenHost(container.lifecycle?.[hook]);
        if (host !== undefined) report(`${label} ${hook} targets host ${host}; leave host unset.`);
      }
    }
  },
});

import { containersOf } from '../lib/k8s.js';
import { disablesTls, isSecretName, literalSecretReason } from '../lib/secrets.js';
import { workloadPolicy } from '../lib/workload.js';

/**
 * Takes secrets from Secret objects, never from literal env values or ConfigMaps
 * (CKV_K8S_35, Kyverno disallow-secrets-from-env-vars, Polaris sensitiveContainerEnvVar).
 */
export const kubernetesWorkloadSecretsFromReferences = workloadPolicy({
  name: 'kubernetes-workload-secrets-from-references',
  description:
    'Secret-named env variables come from secretKeyRef (or a mounted Secret), never from a ' +
    'literal value or a ConfigMap; no env turns TLS verification off.',
  enforcementLevel: 'mandatory',
  severity: 'critical',
  validate: ({ spec }, _context, report) => {
    for (const { container, label } of containersOf(spec)) {
      for (const env of container.env ?? []) {
        const reason =
          env.value === undefined ? undefined : literalSecretReason(env.name, env.value);
        if (reason !== undefined) {
          report(`${label}: ${reason}; take it from a Secret with secretKeyRef.`);
        } else if (env.valueFrom?.configMapKeyRef !== undefined && isSecretName(env.name)) {
          report(`${label}: ${env.name} comes from a ConfigMap; take it from a Secret.`);
        } else if (env.value !== undefined && disablesTls(env.name, env.value)) {
          report(`${label}: ${env.name}=${env.value} turns certificate verification off.`);
        }
      }
    }
  },
});

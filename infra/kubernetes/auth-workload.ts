import type * as k8s from '@pulumi/kubernetes';
import type * as pulumi from '@pulumi/pulumi';

import type { AppModel } from '../model/app-model.js';
import { metadata, selectorLabels } from './labels.js';
import { podVolumes, serviceContainer } from './pod-parts.js';
import { podSecurityContext } from './pod-security.js';

/**
 * The auth Deployment's spec. Rolling updates add a pod before removing one, and a pod
 * counts only once ready, so the service stays up through a rollout.
 */
export function authDeploymentSpec(
  model: AppModel,
  image: pulumi.Input<string>,
  pullSecretName: string | undefined,
): k8s.types.input.apps.v1.DeploymentSpec {
  const auth = model.services.auth;
  const probes = auth.httpProbes ?? {
    startup: '/health/live',
    readiness: '/health/ready',
    liveness: '/health/live',
  };
  const http = (path: string) => ({ httpGet: { path, port: 'http', scheme: 'HTTP' } });

  return {
    replicas: model.kubernetes.replicas,
    revisionHistoryLimit: 5,
    minReadySeconds: 5,
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
    selector: { matchLabels: selectorLabels(auth) },
    template: {
      metadata: { labels: metadata(model, auth).labels },
      spec: {
        serviceAccountName: auth.name,
        automountServiceAccountToken: false,
        enableServiceLinks: false,
        terminationGracePeriodSeconds: 15,
        securityContext: podSecurityContext(auth),
        ...(pullSecretName ? { imagePullSecrets: [{ name: pullSecretName }] } : {}),
        // Spread replicas over nodes when there are several; one Pi still schedules them all.
        affinity: {
          podAntiAffinity: {
            preferredDuringSchedulingIgnoredDuringExecution: [
              {
                weight: 100,
                podAffinityTerm: {
                  topologyKey: 'kubernetes.io/hostname',
                  labelSelector: { matchLabels: selectorLabels(auth) },
                },
              },
            ],
          },
        },
        containers: [
          serviceContainer(auth, image, {
            startupProbe: { ...http(probes.startup), periodSeconds: 2, failureThreshold: 30 },
            readinessProbe: {
              ...http(probes.readiness),
              periodSeconds: 10,
              timeoutSeconds: 3,
              failureThreshold: 3,
            },
            livenessProbe: {
              ...http(probes.liveness),
              periodSeconds: 20,
              timeoutSeconds: 3,
              failureThreshold: 3,
            },
          }),
        ],
        volumes: podVolumes(auth),
      },
    },
  };
}

import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';

import type { AppModel } from '../model/app-model.js';
import { authDeploymentSpec } from './auth-workload.js';
import { metadata, selectorLabels } from './labels.js';
import { serviceFiles } from './service-files.js';

/** Inputs of the auth service on Kubernetes. */
export interface AuthServiceArgs {
  readonly model: AppModel;
  /** The image by registry digest. */
  readonly image: pulumi.Input<string>;
  readonly files: Readonly<Record<string, pulumi.Output<string>>>;
  readonly pullSecretName: string | undefined;
  /** Workloads that must exist first (the databases). */
  readonly dependsOn: pulumi.Resource[];
}

/**
 * The auth service: Deployment, ClusterIP Service, Traefik Ingress, NetworkPolicies (in
 * from Traefik only, out to MongoDB and Redis only), disruption budget and autoscaler.
 */
export class AuthService extends pulumi.ComponentResource {
  readonly deployment: k8s.apps.v1.Deployment;

  constructor(name: string, args: AuthServiceArgs, opts?: pulumi.ComponentResourceOptions) {
    super('lucid:kubernetes:AuthService', name, {}, opts);
    const { model } = args;
    const auth = model.services.auth;
    const { mongodb, redis } = model.services;
    const child = { parent: this };
    const selector = { matchLabels: selectorLabels(auth) };

    const account = new k8s.core.v1.ServiceAccount(
      `${name}-account`,
      { metadata: metadata(model, auth), automountServiceAccountToken: false },
      child,
    );
    const files = serviceFiles(model, auth, args.files, child);

    this.deployment = new k8s.apps.v1.Deployment(
      `${name}-deployment`,
      {
        metadata: metadata(model, auth),
        spec: authDeploymentSpec(model, args.image, args.pullSecretName),
      },
      { ...child, dependsOn: [account, ...files, ...args.dependsOn] },
    );

    new k8s.core.v1.Service(
      `${name}-service`,
      {
        metadata: metadata(model, auth),
        spec: {
          type: 'ClusterIP',
          selector: selectorLabels(auth),
          ports: [{ name: 'http', port: auth.port, targetPort: 'http', protocol: 'TCP' }],
        },
      },
      child,
    );

    new k8s.networking.v1.Ingress(
      `${name}-ingress`,
      {
        metadata: {
          ...metadata(model, auth),
          annotations: {
            'traefik.ingress.kubernetes.io/router.entrypoints': 'websecure',
            'traefik.ingress.kubernetes.io/router.tls': 'true',
          },
        },
        spec: {
          ingressClassName: 'traefik',
          tls: [{ hosts: [model.kubernetes.ingressHost] }],
          rules: [
            {
              host: model.kubernetes.ingressHost,
              http: {
                paths: [
                  {
                    path: '/',
                    pathType: 'Prefix',
                    backend: { service: { name: auth.name, port: { name: 'http' } } },
                  },
                ],
              },
            },
          ],
        },
      },
      child,
    );

    // k3s's Traefik runs in kube-system with this label (k3s packaged components).
    new k8s.networking.v1.NetworkPolicy(
      `${name}-from-traefik`,
      {
        metadata: metadata(model, auth, `${auth.name}-from-traefik`),
        spec: {
          podSelector: selector,
          policyTypes: ['Ingress'],
          ingress: [
            {
              from: [
                {
                  namespaceSelector: {
                    matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' },
                  },
                  podSelector: { matchLabels: { 'app.kubernetes.io/name': 'traefik' } },
                },
              ],
              ports: [{ protocol: 'TCP', port: auth.port }],
            },
          ],
        },
      },
      child,
    );

    new k8s.networking.v1.NetworkPolicy(
      `${name}-to-databases`,
      {
        metadata: metadata(model, auth, `${auth.name}-to-databases`),
        spec: {
          podSelector: selector,
          policyTypes: ['Egress'],
          egress: [mongodb, redis].map((db) => ({
            to: [{ podSelector: { matchLabels: selectorLabels(db) } }],
            ports: [{ protocol: 'TCP', port: db.port }],
          })),
        },
      },
      child,
    );

    new k8s.policy.v1.PodDisruptionBudget(
      `${name}-disruption-budget`,
      { metadata: metadata(model, auth), spec: { minAvailable: 1, selector } },
      child,
    );

    new k8s.autoscaling.v2.HorizontalPodAutoscaler(
      `${name}-autoscaler`,
      {
        metadata: metadata(model, auth),
        spec: {
          scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: auth.name },
          minReplicas: model.kubernetes.replicas,
          maxReplicas: model.kubernetes.maxReplicas,
          metrics: [
            {
              type: 'Resource',
              resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } },
            },
          ],
        },
      },
      child,
    );

    this.registerOutputs({ deployment: this.deployment.metadata.name });
  }
}

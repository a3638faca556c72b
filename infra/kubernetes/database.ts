import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';

import type { AppModel, ServiceModel } from '../model/app-model.js';
import { metadata, selectorLabels } from './labels.js';
import { execProbes, podVolumes, portName, serviceContainer } from './pod-parts.js';
import { podSecurityContext } from './pod-security.js';
import { serviceFiles } from './service-files.js';

/** Inputs of one database. */
export interface DatabaseArgs {
  readonly model: AppModel;
  readonly service: ServiceModel;
  /** The service allowed to connect (the auth service). */
  readonly client: ServiceModel;
  readonly files: Readonly<Record<string, pulumi.Output<string>>>;
}

/**
 * MongoDB or Redis as a one-replica StatefulSet with a claim on the configured storage
 * class, a headless Service, its files, and a NetworkPolicy admitting only the client.
 */
export class Database extends pulumi.ComponentResource {
  readonly statefulSet: k8s.apps.v1.StatefulSet;

  constructor(name: string, args: DatabaseArgs, opts?: pulumi.ComponentResourceOptions) {
    super('lucid:kubernetes:Database', name, {}, opts);
    const { model, service, client } = args;
    const child = { parent: this };

    const account = new k8s.core.v1.ServiceAccount(
      `${name}-account`,
      { metadata: metadata(model, service), automountServiceAccountToken: false },
      child,
    );
    const files = serviceFiles(model, service, args.files, child);

    const headless = new k8s.core.v1.Service(
      `${name}-service`,
      {
        metadata: metadata(model, service),
        spec: {
          type: 'ClusterIP',
          clusterIP: 'None',
          selector: selectorLabels(service),
          ports: [{ name: portName(service), port: service.port, targetPort: portName(service) }],
        },
      },
      child,
    );

    this.statefulSet = new k8s.apps.v1.StatefulSet(
      `${name}-statefulset`,
      {
        metadata: metadata(model, service),
        spec: {
          replicas: 1,
          serviceName: service.name,
          selector: { matchLabels: selectorLabels(service) },
          persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
          template: {
            metadata: { labels: metadata(model, service).labels },
            spec: {
              serviceAccountName: service.name,
              automountServiceAccountToken: false,
              enableServiceLinks: false,
              terminationGracePeriodSeconds: 30,
              securityContext: podSecurityContext(service),
              containers: [serviceContainer(service, service.image, execProbes(service))],
              volumes: podVolumes(service),
            },
          },
          volumeClaimTemplates: service.volumes
            .filter((v) => v.purpose === 'data')
            .map((v) => ({
              metadata: { name: v.purpose, labels: metadata(model, service).labels },
              spec: {
                accessModes: ['ReadWriteOnce'],
                storageClassName: model.kubernetes.storageClass,
                resources: { requests: { storage: `${v.sizeGi ?? 1}Gi` } },
              },
            })),
        },
      },
      { ...child, dependsOn: [account, headless, ...files] },
    );

    new k8s.networking.v1.NetworkPolicy(
      `${name}-ingress`,
      {
        metadata: metadata(model, service, `${service.name}-ingress`),
        spec: {
          podSelector: { matchLabels: selectorLabels(service) },
          policyTypes: ['Ingress'],
          ingress: [
            {
              from: [{ podSelector: { matchLabels: selectorLabels(client) } }],
              ports: [{ protocol: 'TCP', port: service.port }],
            },
          ],
        },
      },
      child,
    );

    this.registerOutputs({ name: this.statefulSet.metadata.name });
  }
}

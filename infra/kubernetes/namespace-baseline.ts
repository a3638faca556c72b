import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';

import type { AppModel } from '../model/app-model.js';
import { sortedJson } from '../support/sorted-json.js';

/** Name of the image pull Secret, present when the registry needs a login. */
export const PULL_SECRET_NAME = 'lucid-registry';

/** Inputs of the namespace baseline. */
export interface NamespaceBaselineArgs {
  readonly model: AppModel;
  readonly registryPassword: pulumi.Output<string>;
}

/**
 * The namespace, enforcing the restricted Pod Security Standard, with NetworkPolicies that
 * deny all traffic but DNS, and the registry pull Secret when one is needed.
 */
export class NamespaceBaseline extends pulumi.ComponentResource {
  readonly namespace: k8s.core.v1.Namespace;
  readonly pullSecretName: string | undefined;

  constructor(name: string, args: NamespaceBaselineArgs, opts?: pulumi.ComponentResourceOptions) {
    super('lucid:kubernetes:NamespaceBaseline', name, {}, opts);
    const { model } = args;
    const namespace = model.kubernetes.namespace;

    this.namespace = new k8s.core.v1.Namespace(
      `${name}-namespace`,
      {
        metadata: {
          name: namespace,
          labels: {
            ...model.labels,
            'pod-security.kubernetes.io/enforce': 'restricted',
            'pod-security.kubernetes.io/enforce-version': 'latest',
            'pod-security.kubernetes.io/audit': 'restricted',
            'pod-security.kubernetes.io/audit-version': 'latest',
            'pod-security.kubernetes.io/warn': 'restricted',
            'pod-security.kubernetes.io/warn-version': 'latest',
          },
        },
      },
      { parent: this },
    );
    const child = { parent: this, dependsOn: [this.namespace] };
    const meta = (objectName: string) => ({ name: objectName, namespace, labels: model.labels });

    new k8s.networking.v1.NetworkPolicy(
      `${name}-default-deny`,
      {
        metadata: meta('default-deny'),
        spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
      },
      child,
    );

    new k8s.networking.v1.NetworkPolicy(
      `${name}-allow-dns`,
      {
        metadata: meta('allow-dns'),
        spec: {
          podSelector: {},
          policyTypes: ['Egress'],
          egress: [
            {
              to: [
                {
                  namespaceSelector: {
                    matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' },
                  },
                  podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
                },
              ],
              ports: [
                { protocol: 'UDP', port: 53 },
                { protocol: 'TCP', port: 53 },
              ],
            },
          ],
        },
      },
      child,
    );

    const { registryServer, registryUsername } = model.image;
    this.pullSecretName = registryServer && registryUsername ? PULL_SECRET_NAME : undefined;
    if (registryServer && registryUsername) {
      new k8s.core.v1.Secret(
        `${name}-registry`,
        {
          metadata: meta(PULL_SECRET_NAME),
          type: 'kubernetes.io/dockerconfigjson',
          stringData: {
            '.dockerconfigjson': pulumi.secret(
              args.registryPassword.apply((password) =>
                dockerConfigJson(registryServer, registryUsername, password),
              ),
            ),
          },
        },
        child,
      );
    }

    this.registerOutputs({ namespace: this.namespace.metadata.name });
  }
}

/** A `.dockerconfigjson` document for one registry, with sorted keys. */
export function dockerConfigJson(server: string, username: string, password: string): string {
  const auth = Buffer.from(`${username}:${password}`).toString('base64');
  return sortedJson({ auths: { [server]: { auth, password, username } } });
}

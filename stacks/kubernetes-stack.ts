import type * as pulumi from '@pulumi/pulumi';

import { ServiceImage } from '../infra/docker/service-image.js';
import { KubernetesApp } from '../infra/kubernetes/kubernetes-app.js';
import type { AppModel } from '../infra/model/app-model.js';
import { GeneratedSecrets } from '../infra/secrets/generated-secrets.js';

/** The k3s stack: image pushed to the registry, secrets, and the workloads in the cluster. */
export function deployKubernetes(model: AppModel, registryPassword: pulumi.Output<string>) {
  const secrets = new GeneratedSecrets('lucid-secrets');
  const image = new ServiceImage('lucid-image', { image: model.image, registryPassword });
  const app = new KubernetesApp('lucid', {
    model,
    secrets: secrets.values,
    authImage: image.ref,
    registryPassword,
  });

  return {
    url: app.url,
    namespace: app.namespace,
    imageDigest: image.ref,
  };
}

import * as k8s from '@pulumi/kubernetes';
import type * as pulumi from '@pulumi/pulumi';

import type { AppModel, ServiceModel } from '../model/app-model.js';
import { metadata } from './labels.js';
import { filesSecretName, initConfigMapName } from './pod-parts.js';

/**
 * One service's files: secret ones in a Secret (mounted at /run/secrets), the rest in a
 * ConfigMap. Returns the objects so workloads can depend on them.
 */
export function serviceFiles(
  model: AppModel,
  service: ServiceModel,
  contents: Readonly<Record<string, pulumi.Output<string>>>,
  opts: pulumi.CustomResourceOptions,
): pulumi.Resource[] {
  const pick = (secret: boolean): Record<string, pulumi.Output<string>> =>
    Object.fromEntries(
      service.files
        .filter((f) => f.secret === secret)
        .sort((a, b) => (a.id < b.id ? -1 : 1))
        .map((f) => [f.id, contents[f.id] as pulumi.Output<string>]),
    );

  const created: pulumi.Resource[] = [];
  const secretFiles = pick(true);
  if (Object.keys(secretFiles).length > 0) {
    created.push(
      new k8s.core.v1.Secret(
        filesSecretName(service),
        {
          metadata: metadata(model, service, filesSecretName(service)),
          type: 'Opaque',
          immutable: false,
          stringData: secretFiles,
        },
        opts,
      ),
    );
  }

  const plainFiles = pick(false);
  if (Object.keys(plainFiles).length > 0) {
    created.push(
      new k8s.core.v1.ConfigMap(
        initConfigMapName(service),
        { metadata: metadata(model, service, initConfigMapName(service)), data: plainFiles },
        opts,
      ),
    );
  }
  return created;
}

import type * as pulumi from '@pulumi/pulumi';

import { DockerApp } from '../infra/docker/docker-app.js';
import { ServiceImage } from '../infra/docker/service-image.js';
import type { AppModel } from '../infra/model/app-model.js';
import { GeneratedSecrets } from '../infra/secrets/generated-secrets.js';

/** The dev and pi stacks: image, secrets and the containers on one Docker engine. */
export function deployDocker(model: AppModel, registryPassword: pulumi.Output<string>) {
  const secrets = new GeneratedSecrets('lucid-secrets');
  const image = new ServiceImage('lucid-image', { image: model.image, registryPassword });
  const app = new DockerApp('lucid', {
    model,
    secrets: secrets.values,
    authImage: image.ref,
    registryPassword,
  });

  return {
    url: app.url,
    publicOrigin: model.services.auth.env['PUBLIC_ORIGIN'],
    imageDigest: image.ref,
    networkNames: app.networkNames,
    volumeNames: app.volumeNames,
  };
}

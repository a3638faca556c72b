import * as docker from '@pulumi/docker';
import * as pulumi from '@pulumi/pulumi';

import type { AppModel, SecretValues, ServiceRole } from '../model/app-model.js';
import { fileOutputs } from '../secrets/file-outputs.js';
import { containerArgs } from './container-args.js';
import { dockerContainerSpecs } from './container-specs.js';
import { isRegistryReference } from './service-image.js';

/** Inputs of the Docker deployment. */
export interface DockerAppArgs {
  readonly model: AppModel;
  readonly secrets: pulumi.Output<SecretValues>;
  /** The auth image by digest (see `ServiceImage.ref`). */
  readonly authImage: pulumi.Output<string>;
  readonly registryPassword: pulumi.Output<string>;
}

/**
 * The application on one Docker engine: two networks, the named volumes, and MongoDB,
 * Redis and the auth service declared from `dockerContainerSpecs`, each image pulled onto
 * that engine by digest.
 */
export class DockerApp extends pulumi.ComponentResource {
  /** Where the service answers on the host it is published on. */
  readonly url: pulumi.Output<string>;
  readonly networkNames: pulumi.Output<string[]>;
  readonly volumeNames: pulumi.Output<string[]>;

  constructor(name: string, args: DockerAppArgs, opts?: pulumi.ComponentResourceOptions) {
    super('lucid:docker:DockerApp', name, {}, opts);
    const { model } = args;
    const labels = Object.entries(model.labels).map(([label, value]) => ({ label, value }));

    const provider = new docker.Provider(
      `${name}-engine`,
      {
        ...(model.docker.host ? { host: model.docker.host } : {}),
        ...registryAuth(model, args.registryPassword),
      },
      { parent: this },
    );
    const child = { parent: this, provider };

    const pull = (role: ServiceRole, ref: pulumi.Input<string>): docker.RemoteImage =>
      new docker.RemoteImage(
        `${name}-${role}-image`,
        {
          name: ref,
          keepLocally: true,
          ...(model.image.platform ? { platform: model.image.platform } : {}),
        },
        child,
      );

    // The databases run from their configured references, already pinned by digest, so the
    // reference is known (and checkable) at preview; the pulls only have to finish first.
    const pulled: Partial<Record<ServiceRole, docker.RemoteImage>> = {
      mongodb: pull('mongodb', model.services.mongodb.image),
      redis: pull('redis', model.services.redis.image),
    };
    let authImage = args.authImage;
    if (isRegistryReference(model.image)) {
      pulled.auth = pull('auth', args.authImage);
      authImage = pulled.auth.repoDigest;
    }

    const specs = dockerContainerSpecs<pulumi.Output<string>>(model, {
      authImage,
      files: fileOutputs(model, args.secrets),
    });

    const networks = specs.networks.map(
      (n) =>
        new docker.Network(
          `${name}-network-${n.internal ? 'internal' : 'public'}`,
          { name: n.name, driver: 'bridge', internal: n.internal, labels },
          child,
        ),
    );
    const volumes = specs.volumes.map(
      (v) =>
        new docker.Volume(
          `${name}-volume-${v.name.replace(/^lucid-/, '')}`,
          { name: v.name, labels },
          child,
        ),
    );

    // Databases first: the auth container waits for them to report healthy.
    const databases: docker.Container[] = [];
    for (const spec of specs.containers) {
      const image = pulled[spec.role];
      const dependsOn = [
        ...networks,
        ...volumes,
        ...(image ? [image] : []),
        ...(spec.role === 'auth' ? databases : []),
      ];
      const container = new docker.Container(`${name}-${spec.role}`, containerArgs(spec), {
        ...child,
        dependsOn,
      });
      if (spec.role !== 'auth') databases.push(container);
    }

    this.url = pulumi.output(`http://${model.docker.hostInterface}:${model.docker.hostPort}`);
    this.networkNames = pulumi.all(networks.map((n) => n.name));
    this.volumeNames = pulumi.all(volumes.map((v) => v.name));
    this.registerOutputs({
      url: this.url,
      networkNames: this.networkNames,
      volumeNames: this.volumeNames,
    });
  }
}

function registryAuth(
  model: AppModel,
  password: pulumi.Output<string>,
): Pick<docker.ProviderArgs, 'registryAuth'> {
  const { registryServer, registryUsername } = model.image;
  if (!registryServer || !registryUsername) return {};
  return { registryAuth: [{ address: registryServer, username: registryUsername, password }] };
}

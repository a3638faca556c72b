import * as docker from '@pulumi/docker';
import * as pulumi from '@pulumi/pulumi';

import type { ImageModel } from '../model/app-model.js';

/** Inputs of the service image: the model's image settings and the registry password. */
export interface ServiceImageArgs {
  readonly image: ImageModel;
  readonly registryPassword: pulumi.Output<string>;
}

/**
 * The auth service image: built from service/Dockerfile for the stack's platform on the
 * local engine and pushed when the stack says so, or a prebuilt image taken as given.
 * `ref` is always a digest: `repo@sha256:…` once pushed, the local image id otherwise.
 */
export class ServiceImage extends pulumi.ComponentResource {
  readonly ref: pulumi.Output<string>;

  constructor(name: string, args: ServiceImageArgs, opts?: pulumi.ComponentResourceOptions) {
    super('lucid:docker:ServiceImage', name, {}, opts);
    const { image } = args;

    if (image.prebuilt !== undefined) {
      this.ref = pulumi.output(image.prebuilt);
    } else {
      const built = new docker.Image(
        `${name}-build`,
        {
          imageName: `${image.repository}:${image.tag}`,
          build: {
            // Relative to Pulumi.yaml, where the CLI runs the program.
            context: image.context,
            dockerfile: image.dockerfile,
            ...(image.platform ? { platform: image.platform } : {}),
            args: buildArgs(image),
          },
          skipPush: !image.push,
          ...(image.push && image.registryServer
            ? {
                registry: {
                  server: image.registryServer,
                  ...(image.registryUsername
                    ? { username: image.registryUsername, password: args.registryPassword }
                    : {}),
                },
              }
            : {}),
        },
        { parent: this },
      );
      this.ref = built.repoDigest;
    }

    this.registerOutputs({ ref: this.ref });
  }
}

/** True when a reference names a registry (so an engine must pull it), not a local id. */
export function isRegistryReference(image: ImageModel): boolean {
  if (image.prebuilt !== undefined) return image.prebuilt.includes('@');
  return image.push;
}

/**
 * Build arguments of service/Dockerfile: the version label, and TARGETARCH, which the
 * classic builder leaves unset (BuildKit sets the same value itself).
 */
export function buildArgs(image: ImageModel): Record<string, string> {
  const args: Record<string, string> = { VERSION: image.tag };
  if (image.platform) args['TARGETARCH'] = image.platform.replace('linux/', '');
  return args;
}

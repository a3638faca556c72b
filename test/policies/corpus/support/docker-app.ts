import * as docker from '@pulumi/docker';

import {
  authContainer,
  GOOD_CONTEXT,
  mongoContainer,
  mongoRemoteImage,
  serviceImage,
} from '../../support/docker-baselines.js';

/** The arguments of every resource of the Docker app, for a bad program to spoil one. */
export interface DockerAppArgs {
  image: docker.ImageArgs;
  mongoImage: docker.RemoteImageArgs;
  /** Without an image, a container runs the digest of the image resource declared for it. */
  auth: ContainerArgs;
  mongo: ContainerArgs;
}

type ContainerArgs = Omit<docker.ContainerArgs, 'image'> & {
  image?: docker.ContainerArgs['image'];
};

function withoutImage(args: docker.ContainerArgs): ContainerArgs {
  const { image: _image, ...rest } = args;
  return rest;
}

/**
 * Declares a compliant Docker deployment (the shape of the dev and pi stacks): the service
 * image built from a compliant Dockerfile, MongoDB pulled by digest, both containers on
 * their networks. `spoil` changes the arguments before anything is declared.
 */
export function dockerApp(spoil: (args: DockerAppArgs) => void = () => undefined): void {
  const args: DockerAppArgs = {
    image: { ...serviceImage(), build: { context: GOOD_CONTEXT, platform: 'linux/arm64' } },
    mongoImage: mongoRemoteImage(),
    auth: withoutImage(authContainer()),
    mongo: withoutImage(mongoContainer()),
  };
  spoil(args);

  new docker.Network('lucid-dev', { name: 'lucid-dev' });
  new docker.Network('lucid-dev-internal', { name: 'lucid-dev-internal', internal: true });
  const image = new docker.Image('auth-image', args.image);
  const mongoImage = new docker.RemoteImage('mongodb-image', args.mongoImage);

  new docker.Container('auth', { ...args.auth, image: args.auth.image ?? image.repoDigest });
  new docker.Container('mongodb', {
    ...args.mongo,
    image: args.mongo.image ?? mongoImage.repoDigest,
  });
}

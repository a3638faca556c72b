import { describe, expect, it } from 'vitest';

import type { EngineResource } from '../../../policies/gate/analyze.js';
import { TYPE } from '../../../policies/lib/type-tokens.js';
import type { ContainerProps } from '../../../policies/lib/types.js';
import {
  authContainer,
  internalNetwork,
  mongoContainer,
  mongoRemoteImage,
  publicNetwork,
  serviceImage,
} from '../support/docker-baselines.js';
import { engineResource, sorted, stackViolations } from '../support/pack.js';

/** A compliant dev-like Docker stack; containers depend on the image resources they run. */
function dockerStack() {
  const image = engineResource({
    type: TYPE.dockerImage,
    props: serviceImage(),
    name: 'auth-image',
  });
  const mongoImage = engineResource({
    type: TYPE.dockerRemoteImage,
    props: mongoRemoteImage(),
    name: 'mongodb-image',
  });
  const container = (name: string, props: ContainerProps, dependsOn: EngineResource) =>
    engineResource({ type: TYPE.dockerContainer, props, name, dependencies: [dependsOn.urn] });

  return {
    image,
    mongoImage,
    resources: [
      engineResource({ type: TYPE.dockerNetwork, props: publicNetwork(), name: 'lucid-dev' }),
      engineResource({ type: TYPE.dockerNetwork, props: internalNetwork(), name: 'internal' }),
      image,
      mongoImage,
      container('auth', authContainer(), image),
      container('mongodb', mongoContainer(), mongoImage),
    ],
  };
}

function containerNamed(resources: EngineResource[], name: string) {
  const found = resources.find((resource) => resource.name === name);
  if (found === undefined) throw new Error(`no resource ${name}`);
  return found.inputs as ContainerProps;
}

describe('Docker stack policies', () => {
  it('pass the compliant stack', async () => {
    expect(await stackViolations(dockerStack().resources)).toEqual([]);
  });

  it('refuse a container whose image no image resource of the stack provides', async () => {
    const { resources } = dockerStack();
    const auth = resources.find((r) => r.name === 'auth');
    if (auth) auth.dependencies = [];

    expect(await stackViolations(resources)).toEqual([
      {
        policy: 'docker-container-image-platform',
        message:
          'container auth runs an image no docker.Image or docker.RemoteImage of the stack ' +
          'provides; declare one with platform linux/arm64.',
      },
    ]);
  });

  it('refuse a container whose image is pulled for another platform', async () => {
    const { resources, mongoImage } = dockerStack();
    mongoImage.inputs.platform = 'linux/amd64';

    expect(await stackViolations(resources)).toEqual([
      {
        policy: 'docker-container-image-platform',
        message:
          'container mongodb runs mongodb-image, whose platform is linux/amd64; it must be ' +
          'linux/arm64.',
      },
    ]);
  });

  it('find the image by its digest when no dependency is recorded', async () => {
    const { resources, mongoImage } = dockerStack();
    const mongo = resources.find((r) => r.name === 'mongodb');
    if (mongo) mongo.dependencies = [];
    mongoImage.outputs = {
      ...mongoImage.inputs,
      repoDigest: containerNamed(resources, 'mongodb').image,
    };

    expect(await stackViolations(resources)).toEqual([]);
  });

  it('refuse a datastore on a network that is not internal', async () => {
    const { resources } = dockerStack();
    containerNamed(resources, 'mongodb').networksAdvanced = [{ name: 'lucid-dev' }];

    expect(await stackViolations(resources)).toEqual([
      {
        policy: 'docker-network-datastores-isolated',
        message:
          'datastore mongodb joins network lucid-dev, which is not an internal network of this ' +
          'stack; join only networks declared with internal: true.',
      },
    ]);
  });

  it('refuse another container beside a datastore on its internal network', async () => {
    const { resources, image } = dockerStack();
    const intruder = { ...authContainer(), name: 'lucid-admin-ui', ports: [] };
    intruder.image = `registry.local:5000/lucid/admin-ui@sha256:${'9'.repeat(64)}`;
    intruder.networksAdvanced = [{ name: 'lucid-dev-internal' }];
    resources.push(
      engineResource({
        type: TYPE.dockerContainer,
        props: intruder,
        name: 'admin-ui',
        dependencies: [image.urn],
      }),
    );

    expect(sorted(await stackViolations(resources))).toEqual([
      {
        policy: 'docker-network-datastores-isolated',
        message:
          'container admin-ui shares network lucid-dev-internal with datastore mongodb; only ' +
          'the auth service may reach a datastore.',
      },
    ]);
  });
});

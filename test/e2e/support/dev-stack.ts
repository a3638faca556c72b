import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';

import {
  dockerContainerSpecs,
  type DockerContainerSpec,
  type DockerSpecs,
} from '../../../infra/docker/container-specs.js';
import type { SecretValues } from '../../../infra/model/app-model.js';
import { fileContents } from '../../../infra/model/file-contents.js';
import { MONGODB_APP_USER, MONGODB_FILES } from '../../../infra/model/mongodb-model.js';
import { stackModel } from '../../../infra/testing/stack-model.js';
import { connectNetworks, createBody, uploadFiles } from './container-body.js';
import { engine } from './engine.js';
import type { BaseImages } from './images.js';
import { waitHealthy, type DockerScope } from './scope.js';

/** A free TCP port on 127.0.0.1, for publishing the service without clashing. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port was assigned');
  return address.port;
}

/** Fresh random secrets, as @pulumi/random generates them for a stack. */
export function randomSecrets(): SecretValues {
  const secret = () => randomBytes(24).toString('base64url');
  return {
    mongodbRootPassword: secret(),
    mongodbAppPassword: secret(),
    redisPassword: secret(),
    keyEncryptionSecret: randomBytes(32).toString('base64url'),
  };
}

/**
 * The dev stack's Docker specs, from the same model and spec functions its Pulumi program
 * uses. Three things differ, because no image can be pulled here: the database images are
 * the offline stand-ins (through the stack's own mongodbImage and redisImage settings), the
 * auth port is a free one rather than 8089, and the MongoDB container runs FerretDB, which
 * has no mongod command, no mongosh for the health check and no init scripts. Its user
 * for the service is made by FerretDB's setup options instead, from the same password file.
 */
export function devStackSpecs(
  bases: BaseImages,
  authImage: string,
  hostPort: number,
  secrets: SecretValues,
): DockerSpecs {
  const model = stackModel('dev', {
    mongodbImage: bases.MONGO_IMAGE,
    redisImage: bases.REDIS_IMAGE,
    hostPort: String(hostPort),
  });
  const specs = dockerContainerSpecs(model, {
    authImage,
    files: fileContents(model, secrets),
  });
  const database = model.settings.mongodbDatabase;

  const asFerretDb = (spec: DockerContainerSpec): DockerContainerSpec => ({
    ...spec,
    command: undefined,
    envs: [
      `FERRETDB_SETUP_DATABASE=${database}`,
      `FERRETDB_SETUP_USERNAME=${MONGODB_APP_USER}`,
      `FERRETDB_SETUP_PASSWORD_FILE=${MONGODB_FILES.appPassword.path}`,
    ],
    healthcheck: { ...spec.healthcheck, tests: ['CMD', ...FERRETDB_HEALTH] },
  });

  return {
    ...specs,
    containers: specs.containers.map((spec) => (spec.role === 'mongodb' ? asFerretDb(spec) : spec)),
  };
}

// The stand-in's exec-form health check: the wire port accepts connections.
const FERRETDB_HEALTH = [
  '/nodejs/bin/node',
  '-e',
  "require('net').connect(27017,'127.0.0.1')" +
    ".on('connect',()=>process.exit(0)).on('error',()=>process.exit(1))",
];

/**
 * Creates the stack's networks, volumes and containers in its start order (databases
 * first), uploads each container's files, starts it and waits for Docker to call it
 * healthy. Returns container ids by name.
 */
export async function startStack(
  scope: DockerScope,
  specs: DockerSpecs,
  healthyWithinMs: number,
): Promise<Record<string, string>> {
  for (const network of specs.networks) await scope.createNetwork(network.name, network.internal);
  for (const volume of specs.volumes) await scope.createVolume(volume.name);

  const ids: Record<string, string> = {};
  for (const spec of specs.containers) {
    const id = await scope.createContainer(spec.name, createBody(spec));
    await connectNetworks(id, spec);
    await uploadFiles(id, spec);
    await engine('POST', `/containers/${id}/start`);
    await waitHealthy(id, healthyWithinMs);
    ids[spec.name] = id;
  }
  return ids;
}

import type { StackConfig } from '../config/stack-config.js';
import type { AppModel } from './app-model.js';
import { authServiceModel } from './auth-service-model.js';
import { mongodbModel } from './mongodb-model.js';
import { redisModel } from './redis-model.js';

/** Where the stack runs, as Pulumi reports it. */
export interface StackIdentity {
  readonly project: string;
  readonly stack: string;
}

/** Builds the whole application from typed stack config; pure, so tests call it directly. */
export function buildAppModel(config: StackConfig, identity: StackIdentity): AppModel {
  return {
    project: identity.project,
    stack: identity.stack,
    target: config.target,
    image: {
      prebuilt: config.imageRef === '' ? undefined : config.imageRef,
      repository: config.imageRepository,
      tag: config.imageTag,
      // The repository root: the service installs from the root lockfile (service/Dockerfile).
      context: '.',
      dockerfile: 'service/Dockerfile',
      platform: config.platform === '' ? undefined : config.platform,
      push: config.imagePush,
      registryServer: orUndefined(config.registryServer),
      registryUsername: orUndefined(config.registryUsername),
    },
    services: {
      auth: authServiceModel(config),
      mongodb: mongodbModel(config),
      redis: redisModel(config),
    },
    docker: {
      host: orUndefined(config.dockerHost),
      publicNetwork: 'lucid-dev',
      internalNetwork: 'lucid-dev-internal',
      hostInterface: config.hostInterface,
      hostPort: config.hostPort,
      restart: config.restartPolicy,
      maxRetryCount: config.restartMaxRetries,
    },
    kubernetes: {
      namespace: config.namespace,
      ingressHost: config.ingressHost,
      replicas: config.replicas,
      maxReplicas: config.maxReplicas,
      storageClass: config.storageClass,
    },
    labels: {
      'app.kubernetes.io/part-of': 'lucid-auth',
      'app.kubernetes.io/managed-by': 'pulumi',
      'lucid.stack': identity.stack,
    },
    settings: {
      mongodbDatabase: config.mongodbDatabase,
      redisMaxMemoryMb: config.redisMaxMemoryMb,
    },
  };
}

function orUndefined(value: string): string | undefined {
  return value === '' ? undefined : value;
}

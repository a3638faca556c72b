import type { AppModel, SecretValues, ServiceRole } from './app-model.js';
import { AUTH_FILES } from './auth-service-model.js';
import { MONGODB_APP_USER, MONGODB_FILES, mongodbInitScript } from './mongodb-model.js';
import { REDIS_FILES, redisConfigFile } from './redis-model.js';

/** Contents of every file a service reads, keyed by service and file id. */
export type FileContents = Readonly<Record<ServiceRole, Readonly<Record<string, string>>>>;

/**
 * Renders each service's files from the generated secrets. The Pulumi renderers call this
 * inside `apply`, so the results stay secret; the e2e suite calls it with plain values.
 */
export function fileContents(model: AppModel, secrets: SecretValues): FileContents {
  const { mongodb, redis } = model.services;
  const database = model.settings.mongodbDatabase;
  const mongoUri =
    `mongodb://${MONGODB_APP_USER}:${encodeURIComponent(secrets.mongodbAppPassword)}` +
    `@${mongodb.name}:${mongodb.port}/${database}?authSource=${database}`;
  const redisUri =
    `redis://:${encodeURIComponent(secrets.redisPassword)}` + `@${redis.name}:${redis.port}/0`;

  return {
    auth: {
      [AUTH_FILES.mongodbUri.id]: mongoUri,
      [AUTH_FILES.redisUri.id]: redisUri,
      [AUTH_FILES.keyEncryptionSecret.id]: secrets.keyEncryptionSecret,
    },
    mongodb: {
      [MONGODB_FILES.rootPassword.id]: secrets.mongodbRootPassword,
      [MONGODB_FILES.appPassword.id]: secrets.mongodbAppPassword,
      [MONGODB_FILES.initScript.id]: mongodbInitScript(database),
    },
    redis: {
      [REDIS_FILES.config.id]: redisConfigFile(
        secrets.redisPassword,
        model.settings.redisMaxMemoryMb,
      ),
    },
  };
}

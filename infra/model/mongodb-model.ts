import type { StackConfig } from '../config/stack-config.js';
import type { FileModel, ServiceModel } from './app-model.js';
import { SECRETS_DIR } from './auth-service-model.js';

/** Port MongoDB listens on, reachable only on the internal network. */
export const MONGODB_PORT = 27017;

/** The MongoDB user the service connects as; it may only read and write its database. */
export const MONGODB_APP_USER = 'lucid_auth_app';

/** Root user the official image creates on first start (password from a file). */
export const MONGODB_ROOT_USER = 'root';

/** Files MongoDB reads: two passwords, and the init script creating the app user. */
export const MONGODB_FILES = {
  rootPassword: { id: 'root-password', path: `${SECRETS_DIR}/root-password`, secret: true },
  appPassword: { id: 'app-password', path: `${SECRETS_DIR}/app-password`, secret: true },
  initScript: {
    id: '10-create-app-user.js',
    path: '/docker-entrypoint-initdb.d/10-create-app-user.js',
    secret: false,
  },
} as const satisfies Record<string, FileModel>;

/**
 * Builds MongoDB 7 as uid 999: the official entrypoint skips its chown and gosu step when
 * started non-root, so it runs with every capability dropped.
 */
export function mongodbModel(config: StackConfig): ServiceModel {
  return {
    role: 'mongodb',
    name: 'lucid-mongodb',
    image: config.mongodbImage,
    port: MONGODB_PORT,
    uid: 999,
    gid: 999,
    command: ['mongod', '--wiredTigerCacheSizeGB', config.mongodbCacheGb],
    env: {
      MONGO_INITDB_ROOT_USERNAME: MONGODB_ROOT_USER,
      MONGO_INITDB_ROOT_PASSWORD_FILE: MONGODB_FILES.rootPassword.path,
      MONGO_INITDB_DATABASE: config.mongodbDatabase,
    },
    files: Object.values(MONGODB_FILES),
    volumes: [
      {
        name: 'lucid-mongodb-data',
        mountPath: '/data/db',
        purpose: 'data',
        sizeGi: config.mongodbStorageGi,
      },
      { name: 'lucid-mongodb-secrets', mountPath: SECRETS_DIR, purpose: 'secrets' },
      { name: 'lucid-mongodb-init', mountPath: '/docker-entrypoint-initdb.d', purpose: 'init' },
    ],
    memoryMb: config.mongodbMemoryMb,
    cpus: config.mongodbCpus,
    tmpfsSizeMb: 64,
    health: {
      exec: ['mongosh', '--quiet', '--norc', '--eval', "db.adminCommand('ping').ok"],
      intervalSeconds: 10,
      timeoutSeconds: 5,
      retries: 5,
      startPeriodSeconds: 30,
    },
    httpProbes: undefined,
  };
}

/**
 * The init script the entrypoint runs once, on an empty data directory, through mongosh.
 * It reads the password from its file so the script itself holds no secret.
 */
export function mongodbInitScript(database: string): string {
  const lines = [
    "const fs = require('fs');",
    `const password = fs.readFileSync(${JSON.stringify(MONGODB_FILES.appPassword.path)}, 'utf8');`,
    `db.getSiblingDB(${JSON.stringify(database)}).createUser({`,
    `  user: ${JSON.stringify(MONGODB_APP_USER)},`,
    '  pwd: password.trim(),',
    `  roles: [{ role: 'readWrite', db: ${JSON.stringify(database)} }],`,
    '});',
  ];
  return `${lines.join('\n')}\n`;
}

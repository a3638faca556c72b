import { randomBytes } from 'node:crypto';

import type { FastifyInstance } from 'fastify';
import { MongoClient } from 'mongodb';
import { Redis } from 'ioredis';

import { buildApp, type BuildAppOptions } from '../../../service/src/app.js';
import { loadConfig, type Config } from '../../../service/src/config/config.js';
import { testServices } from '../../support/services.js';

/** A settable clock for tests: starts at the real time, moves only when told. */
export interface TestClock {
  (): number;
  advance(ms: number): void;
}

/** Creates a clock that tests move forward explicitly. */
export function testClock(start = Date.now()): TestClock {
  let now = start;
  const clock = (() => now) as TestClock;
  clock.advance = (ms) => {
    now += ms;
  };
  return clock;
}

/**
 * A configuration for one test app: its own MongoDB database and Redis key prefix, so
 * suites running side by side never see each other's data. `env` overrides variables.
 */
export function testConfig(env: Record<string, string> = {}): Config {
  const { mongodbUri, redisUri } = testServices();
  const id = randomBytes(6).toString('hex');
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    MONGODB_URI: mongodbUri,
    MONGODB_DATABASE: `test_service_${id}`,
    REDIS_URI: redisUri,
    REDIS_KEY_PREFIX: `test:${id}:`,
    KEY_ENCRYPTION_SECRET: randomBytes(32).toString('base64'),
    PUBLIC_ORIGIN: 'https://auth.lucid.test',
    ...env,
  });
}

/**
 * Builds an app on the real servers with a fresh database and key prefix; closing it also
 * drops the database and deletes the keys.
 */
export async function buildTestApp(
  options: Partial<BuildAppOptions> & { env?: Record<string, string> } = {},
): Promise<FastifyInstance> {
  const config = options.config ?? testConfig(options.env);
  const app = await buildApp({ ...options, config });
  app.addHook('onClose', () => dropTestData(config));
  return app;
}

/**
 * Removes a test app's database and Redis keys, on the real servers (a test may have
 * pointed the app at a proxy it has since cut).
 */
export async function dropTestData(config: Config): Promise<void> {
  const { mongodbUri, redisUri } = testServices();
  const mongo = new MongoClient(mongodbUri);
  const redis = new Redis(redisUri);
  try {
    await mongo.db(config.mongodbDatabase).dropDatabase();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(
        cursor,
        'MATCH',
        `${config.redisKeyPrefix}*`,
        'COUNT',
        500,
      );
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    await mongo.close();
    redis.disconnect();
  }
}

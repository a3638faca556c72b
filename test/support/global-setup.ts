import { MongoClient } from 'mongodb';
import { Redis } from 'ioredis';

import { testServices } from './services.js';

/** Fails the run at once, with the way out, when a test server does not answer. */
export default async function globalSetup(): Promise<void> {
  const { mongodbUri, redisUri } = testServices();

  const redis = new Redis(redisUri, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    throw new Error(`Redis at ${redisUri} does not answer; run \`npm run test:services\``, {
      cause: error,
    });
  } finally {
    redis.disconnect();
  }

  const mongo = new MongoClient(mongodbUri, { serverSelectionTimeoutMS: 5_000 });
  try {
    await mongo.db('admin').command({ ping: 1 });
  } catch (error) {
    throw new Error(
      `The MongoDB-wire server at ${mongodbUri} does not answer; run \`npm run test:services\``,
      { cause: error },
    );
  } finally {
    await mongo.close();
  }
}

import { MongoClient } from 'mongodb';
import { Redis } from 'ioredis';

/** Where one benchmark or fault-test service kept its data. */
export interface DataLocation {
  mongodbUri: string;
  redisUri: string;
  database: string;
  keyPrefix: string;
}

/** Drops a run's MongoDB database and deletes its Redis keys, leaving everyone else's. */
export async function dropData(location: DataLocation): Promise<void> {
  const mongo = new MongoClient(location.mongodbUri, { serverSelectionTimeoutMS: 5_000 });
  const redis = new Redis(location.redisUri, { maxRetriesPerRequest: 1 });
  try {
    await mongo.db(location.database).dropDatabase();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(
        cursor,
        'MATCH',
        `${location.keyPrefix}*`,
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

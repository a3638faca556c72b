import { MongoClient, type Db } from 'mongodb';

import type { Config } from '../config/config.js';
import { withinDeadline } from './deadline.js';

/** The MongoDB client and the service's database. */
export interface Mongo {
  client: MongoClient;
  db: Db;
}

/**
 * Connects to MongoDB, tuned so a server that stops answering (frozen, or cut off by a
 * partition that leaves the TCP connections open) costs a request a few seconds and a 503,
 * not a hang:
 * - the monitor checks the server every second (the driver's default is 10 s), and a failed
 *   check marks it unknown and interrupts the operations waiting on it;
 * - server selection gives up after 3 s while no server is known to be up;
 * - an operation whose socket stays silent for 5 s fails. No single command of this service
 *   runs that long (a large audit export reads in batches, each its own command).
 * Driver 7 ignores `timeoutMS` (it only warns), so the bounds are these per-step settings.
 */
export async function connectMongo(config: Config): Promise<Mongo> {
  const client = new MongoClient(config.mongodbUri, {
    appName: config.serviceName,
    heartbeatFrequencyMS: 1_000,
    serverSelectionTimeoutMS: 3_000,
    connectTimeoutMS: 2_000,
    socketTimeoutMS: 5_000,
    maxPoolSize: 20,
  });
  await client.connect();
  return { client, db: client.db(config.mongodbDatabase) };
}

/**
 * Answers whether MongoDB responds to a ping within `timeoutMs`. The ping is raced against
 * a timer because the driver's own bounds (above) are longer than a readiness probe waits.
 */
export function pingMongo(mongo: Mongo, timeoutMs: number): Promise<boolean> {
  const ping = mongo.db.command({ ping: 1 });
  return withinDeadline(ping, timeoutMs, 'mongodb ping').then(
    () => true,
    () => false,
  );
}

import { MongoClient, type Db } from 'mongodb';

import type { Config } from '../config/config.js';

/** The MongoDB client and the service's database. */
export interface Mongo {
  client: MongoClient;
  db: Db;
}

/**
 * Connects to MongoDB. Server selection gives up after a few seconds so a request made
 * while the server is down fails fast (as a 503) instead of hanging.
 */
export async function connectMongo(config: Config): Promise<Mongo> {
  const client = new MongoClient(config.mongodbUri, {
    appName: config.serviceName,
    serverSelectionTimeoutMS: 3_000,
    connectTimeoutMS: 3_000,
    maxPoolSize: 20,
  });
  await client.connect();
  return { client, db: client.db(config.mongodbDatabase) };
}

/** Answers whether MongoDB responds to a ping within `timeoutMs`. */
export async function pingMongo(mongo: Mongo, timeoutMs: number): Promise<boolean> {
  try {
    await mongo.db.command({ ping: 1 }, { timeoutMS: timeoutMs });
    return true;
  } catch {
    return false;
  }
}

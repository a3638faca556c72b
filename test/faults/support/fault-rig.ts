import { registerAccounts } from '../../../bench/items/flows.js';
import { JsonClient } from '../../../bench/lib/json-client.js';
import { startService, type ServiceProcess } from '../../../bench/lib/service-process.js';
import type { Tokens } from '../../../bench/lib/sign-in-client.js';
import type { Wallet } from '../../../bench/lib/wallet.js';
import { startOwnFerretDb, type OwnFerretDb } from './own-ferretdb.js';
import { startOwnRedis, type OwnRedis } from './own-redis.js';

/** A service process on stores of the test's own, which the test may break. */
export interface FaultRig {
  redis: OwnRedis;
  ferret: OwnFerretDb;
  service: ServiceProcess;
  wallets: Wallet[];
  dispose(): Promise<void>;
}

/** Starts a Redis, a FerretDB and the service on them, and registers `accounts` wallets. */
export async function startFaultRig(accounts = 8): Promise<FaultRig> {
  const redis = await startOwnRedis();
  const ferret = await startOwnFerretDb().catch(async (error: unknown) => {
    await redis.dispose();
    throw error;
  });
  let service: ServiceProcess | undefined;
  try {
    service = await startService({ mongodbUri: ferret.uri, redisUri: redis.uri, logLevel: 'warn' });
    const client = new JsonClient(service.url, { connections: 4 });
    const { wallets } = await registerAccounts(client, accounts, 4);
    client.close();
    const started = service;
    return {
      redis,
      ferret,
      service,
      wallets,
      dispose: async () => {
        await started.stop('SIGKILL');
        await Promise.all([redis.dispose(), ferret.dispose()]);
      },
    };
  } catch (error) {
    await service?.stop('SIGKILL');
    await Promise.all([redis.dispose(), ferret.dispose()]);
    throw error;
  }
}

/**
 * Checks that every issued token pair still has its session: the access token is accepted
 * (the session is live in Redis) and the session's record is readable (it is in MongoDB).
 * Returns one line per token that fails, empty when all hold.
 */
export async function tokensWithoutSession(
  serviceUrl: string,
  issued: Tokens[],
): Promise<string[]> {
  const client = new JsonClient(serviceUrl, { connections: 4, timeoutMs: 10_000 });
  const problems: string[] = [];
  try {
    for (const tokens of issued) {
      const auth = { authorization: `Bearer ${tokens.accessToken}` };
      const me = await client.send('GET', '/api/v1/users/me', undefined, auth);
      const record = await client.send<{ active?: boolean }>(
        'GET',
        `/api/v1/sessions/${tokens.sessionId}`,
        undefined,
        auth,
      );
      if (me.status !== 200 || record.status !== 200 || record.body.active !== true) {
        problems.push(
          `session ${tokens.sessionId}: users/me ${me.status}, session record ${record.status} ` +
            `active=${String(record.body?.active)}`,
        );
      }
    }
  } finally {
    client.close();
  }
  return problems;
}

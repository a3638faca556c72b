import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { JsonClient } from '../../bench/lib/json-client.js';
import { startService, type ServiceProcess } from '../../bench/lib/service-process.js';
import { signIn } from '../../bench/lib/sign-in-client.js';
import { dropData } from '../../bench/lib/test-data.js';
import { createWallet, type Wallet } from '../../bench/lib/wallet.js';
import { startFuzzHelper, type FuzzHelper } from './helper-server.js';
import { withSignInLinks } from './links.js';

/** A service process ready to be fuzzed, with the files and helper schemathesis needs. */
export interface FuzzTarget {
  service: ServiceProcess;
  helper: FuzzHelper;
  wallet: Wallet;
  /** The service's own /openapi.json, with the sign-in links added. */
  schemaPath: string;
  stop(): Promise<void>;
}

/** The servers the fuzzed service stores its data in. */
export interface Stores {
  mongodbUri: string;
  redisUri: string;
}

/**
 * Starts the service as its own process against the real stores, with a SUPER_ADMIN fuzz
 * wallet, limits raised so the fuzzer is not throttled into 429s, and the helper server
 * the hooks call. `workDir` receives the schema copy.
 */
export async function startFuzzTarget(stores: Stores, workDir: string): Promise<FuzzTarget> {
  const wallet = createWallet();
  const service = await startService({
    ...stores,
    env: {
      SUPER_ADMIN_ADDRESSES: wallet.address.base58,
      ACCESS_TOKEN_EXPIRE_MINUTES: '120',
      LOCKOUT_MAX_ATTEMPTS: '1000',
      LOCKOUT_WINDOW_MINUTES: '1',
    },
  });
  const client = new JsonClient(service.url, { connections: 4 });
  let helper: FuzzHelper | undefined;
  try {
    await signIn(client, wallet, 'register');
    helper = await startFuzzHelper(client, wallet);

    const document = (await (await fetch(`${service.url}/openapi.json`)).json()) as Parameters<
      typeof withSignInLinks
    >[0];
    const schemaPath = join(workDir, 'openapi.json');
    writeFileSync(schemaPath, JSON.stringify(withSignInLinks(document), null, 2));

    const started = helper;
    return {
      service,
      helper: started,
      wallet,
      schemaPath,
      stop: async () => {
        await started.close();
        client.close();
        await service.stop();
        await dropData({ ...stores, database: service.database, keyPrefix: service.keyPrefix });
      },
    };
  } catch (error) {
    await helper?.close();
    client.close();
    await service.stop();
    throw error;
  }
}

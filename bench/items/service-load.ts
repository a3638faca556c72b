import { residentMiB } from '../lib/process-memory.js';
import { startBare } from '../lib/bare-process.js';
import { JsonClient } from '../lib/json-client.js';
import { imageRuntime, startService } from '../lib/service-process.js';
import { signIn } from '../lib/sign-in-client.js';
import { dropData } from '../lib/test-data.js';
import { createWallet } from '../lib/wallet.js';
import { measured, round, type Figure } from '../report.js';
import type { BenchSizes } from '../sizes.js';
import { flowFigures } from './flows.js';
import { META_INFO_PATH, metaInfoFigures } from './meta-info.js';
import { USERS_ME_PATH, usersMeFigures } from './users-me.js';

/** Runs one item, turning a throw into a failed figure so the other items still run. */
export type Attempt = (name: string, title: string, run: () => Promise<Figure[]>) => Promise<void>;

/** The servers the service process stores its data in. */
export interface StoreAddresses {
  mongodbUri: string;
  redisUri: string;
}

async function fetchJson(url: string, headers: Record<string, string> = {}): Promise<unknown> {
  const response = await fetch(url, { headers });
  if (response.status !== 200) throw new Error(`GET ${url} answered ${response.status}`);
  return response.json();
}

/**
 * The items measured against a running service process: meta/info and users/me against a
 * bare Fastify process serving the same JSON, sign-in and refresh rates, then the service's
 * resident memory after all of that load.
 */
export async function serviceFigures(
  stores: StoreAddresses,
  sizes: BenchSizes,
  attempt: Attempt,
): Promise<void> {
  const service = await startService(stores);
  const startRss = await residentMiB(service.pid);
  const client = new JsonClient(service.url, { connections: 1 });
  let bare: Awaited<ReturnType<typeof startBare>> | undefined;
  try {
    const tokens = await signIn(client, createWallet(), 'register');
    const auth = { authorization: `Bearer ${tokens.accessToken}` };
    bare = await startBare({
      [META_INFO_PATH]: await fetchJson(service.url + META_INFO_PATH),
      [USERS_ME_PATH]: await fetchJson(service.url + USERS_ME_PATH, auth),
    });
    const targets = {
      serviceUrl: service.url,
      servicePid: service.pid,
      bareUrl: bare.url,
      barePid: bare.pid,
    };

    await attempt('meta-info', 'GET /api/v1/meta/info vs bare', () =>
      metaInfoFigures(targets, sizes.http),
    );
    await attempt('users-me', 'GET /api/v1/users/me vs bare', () =>
      usersMeFigures({ ...targets, accessToken: tokens.accessToken }, sizes),
    );
    await attempt('sign-in', 'Sign-in and refresh rates', () =>
      flowFigures(service.url, service.pid, sizes.flows),
    );
    const image = imageRuntime();
    await attempt('memory', 'Service resident memory after load', async () => [
      measured({
        name: 'memory.rss-after-load',
        title: 'Service resident memory (RSS) after every load above',
        unit: 'MiB',
        value: round(await residentMiB(service.pid)),
        // The goal is in MB (10^6 bytes); the figure is in MiB, as /proc reports it.
        goal: { on: 'value', op: '<', target: round(150e6 / 2 ** 20, 2), text: 'under 150 MB' },
        details: {
          rssAtStartMiB: round(startRss),
          runtime: "the image's bundle (scripts/images/bundle-service.ts), own process",
          nodeOptions: image.env.NODE_OPTIONS,
          mallocArenaMax: image.env.MALLOC_ARENA_MAX,
          nodeFlags: image.nodeFlags.join(' '),
        },
      }),
    ]);
  } finally {
    client.close();
    await bare?.stop();
    await service.stop();
    await dropData({ ...stores, database: service.database, keyPrefix: service.keyPrefix });
  }
}

import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { registerAccounts } from '../bench/items/flows.js';
import { assertClean, runLoad } from '../bench/lib/http-load.js';
import { JsonClient } from '../bench/lib/json-client.js';
import { sleep } from '../bench/lib/ports.js';
import { residentMiB } from '../bench/lib/process-memory.js';
import { startService } from '../bench/lib/service-process.js';
import { signIn } from '../bench/lib/sign-in-client.js';
import { dropData } from '../bench/lib/test-data.js';
import { round } from '../bench/report.js';
import { testServices } from '../test/support/services.js';

// `npm run soak [-- --minutes 10]`: not part of CI. Finds the authenticated /users/me peak,
// then holds half of it for the given minutes while sign-ins run alongside at a steady
// pace, sampling the service's RSS; prints and writes bench/results/soak.json.
const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '10' },
    connections: { type: 'string', default: '16' },
    'sign-in-pause-ms': { type: 'string', default: '100' },
  },
});
const seconds = Math.round(Number(values.minutes) * 60);
const connections = Number(values.connections);

const stores = testServices();
const service = await startService(stores);
const rssAtReady = await residentMiB(service.pid);
const client = new JsonClient(service.url, { connections: 2 });
try {
  const { wallets, tokens } = await registerAccounts(client, 8);
  const url = `${service.url}/api/v1/users/me`;
  const headers = { authorization: `Bearer ${tokens[0]!.accessToken}` };
  const peak = await runLoad({ url, headers, connections, seconds: 10 });
  assertClean('users/me peak', peak);
  const rate = Math.max(1, Math.round(peak.requestsPerSecond / 2));

  const rss: Array<{ second: number; mib: number }> = [];
  const began = Date.now();
  const sample = async () =>
    rss.push({
      second: Math.round((Date.now() - began) / 1000),
      mib: round(await residentMiB(service.pid)),
    });
  await sample();

  let done = false;
  let signIns = 0;
  const signInLoop = (async () => {
    for (let i = 0; !done; i++) {
      await signIn(client, wallets[i % wallets.length]!, 'login');
      signIns++;
      await sleep(Number(values['sign-in-pause-ms']));
    }
  })();
  const sampler = setInterval(() => void sample(), 30_000);
  const steady = await runLoad({
    url,
    headers,
    connections,
    seconds,
    overallRate: rate,
    latencies: true,
  });
  done = true;
  clearInterval(sampler);
  await signInLoop;
  await sample();

  const report = {
    minutes: Number(values.minutes),
    peakRequestsPerSecond: round(peak.requestsPerSecond),
    targetRate: rate,
    achievedRate: round(steady.requestsPerSecond),
    requests: steady.total,
    non2xx: steady.non2xx,
    errors: steady.errors + steady.timeouts,
    p50Ms: round(steady.p50Ms!, 2),
    p99Ms: round(steady.p99Ms!, 2),
    signIns,
    rssAtReadyMiB: round(rssAtReady),
    rssStartMiB: rss[0]!.mib,
    rssEndMiB: rss.at(-1)!.mib,
    rss,
  };
  const out = fileURLToPath(new URL('../bench/results/', import.meta.url));
  mkdirSync(out, { recursive: true });
  writeFileSync(`${out}soak.json`, `${JSON.stringify(report, null, 2)}\n`);
  console.log(JSON.stringify({ ...report, rss: undefined }, null, 2));
  process.exitCode = steady.non2xx + steady.errors + steady.timeouts > 0 ? 1 : 0;
} finally {
  client.close();
  await service.stop();
  await dropData({ ...stores, database: service.database, keyPrefix: service.keyPrefix });
}

import { JsonClient } from '../lib/json-client.js';
import { cpuSeconds } from '../lib/process-cpu.js';
import { refresh, signIn, type Tokens } from '../lib/sign-in-client.js';
import { createWallet, type Wallet } from '../lib/wallet.js';
import { measured, round, type Figure } from '../report.js';
import type { BenchSizes } from '../sizes.js';

/** Accounts registered before the loops, each with its first token pair. */
export interface Accounts {
  wallets: Wallet[];
  tokens: Tokens[];
}

/** Registers `count` accounts, a few at a time. */
export async function registerAccounts(
  client: JsonClient,
  count: number,
  parallel = 8,
): Promise<Accounts> {
  const wallets = Array.from({ length: count }, () => createWallet());
  const tokens: Tokens[] = new Array<Tokens>(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next++;
      tokens[index] = await signIn(client, wallets[index]!, 'register');
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, count) }, worker));
  return { wallets, tokens };
}

interface LoopResult {
  ops: number;
  seconds: number;
  p50Ms: number;
  p99Ms: number;
  /** CPU the service process spent per operation. */
  serviceCpuMs: number;
}

/** How one measured loop runs: its clients, its length and an optional cap on operations. */
interface LoopSize {
  concurrency: number;
  seconds: number;
  maxOps?: number;
}

/**
 * Runs `op(worker, i)` from `concurrency` workers until `seconds` pass or `maxOps` are
 * done, and measures each operation. The first failure stops every worker and is thrown.
 */
async function loop(
  size: LoopSize,
  servicePid: number,
  op: (worker: number, i: number) => Promise<void>,
): Promise<LoopResult> {
  const times: number[] = [];
  const cpuBefore = cpuSeconds(servicePid);
  const started = performance.now();
  const deadline = started + size.seconds * 1000;
  const maxOps = size.maxOps ?? Number.POSITIVE_INFINITY;
  let issued = 0;
  let failure: Error | undefined;

  const worker = async (id: number) => {
    while (failure === undefined && performance.now() < deadline && issued < maxOps) {
      const i = issued++;
      const began = performance.now();
      try {
        await op(id, i);
      } catch (error) {
        failure ??= error instanceof Error ? error : new Error(String(error));
        return;
      }
      times.push(performance.now() - began);
    }
  };
  await Promise.all(Array.from({ length: size.concurrency }, (_, id) => worker(id)));
  if (failure !== undefined) throw failure;

  const seconds = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  const at = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))] ?? 0;
  const serviceCpuMs = ((cpuSeconds(servicePid) - cpuBefore) * 1000) / Math.max(times.length, 1);
  return { ops: times.length, seconds, p50Ms: at(0.5), p99Ms: at(0.99), serviceCpuMs };
}

function rateOf(run: LoopResult): number {
  return run.ops / run.seconds;
}

/** A flow measured at each concurrency, and the run with the highest rate. */
interface FlowRuns {
  runs: Array<LoopResult & { concurrency: number }>;
  peak: LoopResult & { concurrency: number };
}

/**
 * Warms the flow up, then measures it at each concurrency and keeps the fastest. The warm-up
 * is not measured: a fresh process spends its first tens of seconds compiling (a sign-in
 * took 5.1 ms of service CPU in the first 5 s and 2.6 ms after 25 s), and a service runs for
 * days. The rate is the whole system's, so the peak is taken over several concurrencies: at
 * 16 clients a fifth of the two cores stayed idle, waiting on round trips.
 */
async function measureFlow(
  sizes: BenchSizes['flows'],
  servicePid: number,
  op: (worker: number, i: number) => Promise<void>,
): Promise<FlowRuns> {
  const widest = Math.max(...sizes.concurrencies);
  if (sizes.warmupSeconds > 0) {
    await loop({ ...sizes, concurrency: widest, seconds: sizes.warmupSeconds }, servicePid, op);
  }

  const runs: FlowRuns['runs'] = [];
  for (const concurrency of sizes.concurrencies) {
    runs.push({ concurrency, ...(await loop({ ...sizes, concurrency }, servicePid, op)) });
  }
  const peak = runs.reduce((best, run) => (rateOf(run) > rateOf(best) ? run : best));
  return { runs, peak };
}

/**
 * Full sign-in (challenge, client-side signature, login) and refresh rotation, in
 * operations per second at the best of several client concurrencies. The client, the
 * service, Redis and the MongoDB-wire server all share the machine's cores, so this is the
 * whole system's rate.
 */
export async function flowFigures(
  serviceUrl: string,
  servicePid: number,
  sizes: BenchSizes['flows'],
): Promise<Figure[]> {
  const widest = Math.max(...sizes.concurrencies);
  const client = new JsonClient(serviceUrl, { connections: widest });
  try {
    const accounts = await registerAccounts(client, Math.max(sizes.wallets, widest));
    const { wallets } = accounts;

    const logins = await measureFlow(sizes, servicePid, async (_worker, i) => {
      await signIn(client, wallets[i % wallets.length]!, 'login');
    });

    // Each worker rotates its own session's refresh token; sessions are never shared, so a
    // rotation can never look like reuse.
    const chains = accounts.tokens.map((tokens) => tokens.refreshToken);
    const refreshes = await measureFlow(sizes, servicePid, async (worker) => {
      chains[worker] = (await refresh(client, chains[worker]!)).refreshToken;
    });

    const details = ({ runs, peak }: FlowRuns) => ({
      concurrency: peak.concurrency,
      operations: peak.ops,
      seconds: round(peak.seconds, 2),
      p50Ms: round(peak.p50Ms, 2),
      p99Ms: round(peak.p99Ms, 2),
      serviceCpuMsPerOperation: round(peak.serviceCpuMs, 2),
      ...Object.fromEntries(
        runs.map((run) => [`opsPerSecondAtC${run.concurrency}`, round(rateOf(run))]),
      ),
      warmupSeconds: sizes.warmupSeconds,
    });
    return [
      measured({
        name: 'sign-in.rate',
        title: 'Full sign-in (challenge, sign, login), whole system on this machine',
        unit: 'ops/s',
        value: round(rateOf(logins.peak)),
        goal: { on: 'value', op: '>=', target: 300, text: 'at least 300 sign-ins a second' },
        details: { ...details(logins), accounts: wallets.length },
      }),
      measured({
        name: 'refresh.rate',
        title: 'Refresh token rotation, whole system on this machine',
        unit: 'ops/s',
        value: round(rateOf(refreshes.peak)),
        details: details(refreshes),
      }),
    ];
  } finally {
    client.close();
  }
}

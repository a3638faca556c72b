import { waitUntil } from '../../../bench/lib/ports.js';
import type { Tokens } from '../../../bench/lib/sign-in-client.js';
import type { FaultRig } from './fault-rig.js';
import { ReadyProbe, Traffic, type Outcome } from './traffic.js';

/** How a dependency is broken and mended during an outage. */
export interface Fault {
  name: string;
  break(): void | Promise<void>;
  mend(): void | Promise<void>;
}

/** What happened around one outage, in milliseconds since the traffic began. */
export interface OutageRecord {
  brokenAt: number;
  readyDownAt: number | undefined;
  mendedAt: number;
  readyUpAt: number | undefined;
  outcomes: Outcome[];
  /** Every token pair a 200 sign-in or refresh returned. */
  issued: Tokens[];
}

// Bounds for every wait, so a service that never reacts fails the test instead of hanging it.
const WARM_UP_SIGN_INS = 10;
const REQUESTS_DURING_OUTAGE = 12;
const SIGN_INS_AFTER_RECOVERY = 10;
const WAIT_MS = 45_000;

/**
 * Runs steady sign-in traffic, breaks a dependency after a fixed number of sign-ins, keeps
 * it broken until ready has reported it and a fixed number of requests has met the outage,
 * mends it, and waits for ready and for sign-ins to succeed again. Faults happen at counted
 * points, not after sleeps, so the sequence is the same on a fast or a loaded machine.
 */
export async function runOutage(rig: FaultRig, fault: Fault): Promise<OutageRecord> {
  const traffic = new Traffic(rig.service.url, rig.wallets, {
    workers: 4,
    timeoutMs: 8_000,
    pauseMs: 10,
    maxRounds: 5_000,
  });
  const probe = new ReadyProbe(rig.service.url, () => traffic.now());
  traffic.start();
  probe.start();
  try {
    await waitUntil(
      () => traffic.signIns >= WARM_UP_SIGN_INS,
      WAIT_MS,
      'sign-ins never started succeeding',
    );

    const brokenAt = traffic.now();
    await fault.break();
    const since = () => traffic.outcomes.filter((o) => o.sentAt >= brokenAt);
    await waitUntil(
      () => probe.firstAt(503, brokenAt) !== undefined && since().length >= REQUESTS_DURING_OUTAGE,
      WAIT_MS,
      `${fault.name}: ready never answered 503 or too few requests met the outage`,
    ).catch((error: Error) => {
      const seen = since().map((o) => `${o.step} ${o.status} ${Math.round(o.ms)} ms`);
      const ready = probe.samples.filter((s) => s.at >= brokenAt).map((s) => s.status);
      throw new Error(`${error.message}; requests: ${seen.join(', ')}; ready: ${ready.join(' ')}`);
    });

    const mendedAt = traffic.now();
    await fault.mend();
    await waitUntil(
      () => probe.firstAt(200, mendedAt) !== undefined,
      WAIT_MS,
      `${fault.name}: ready never answered 200 again`,
    );
    const before = traffic.signIns;
    await waitUntil(
      () => traffic.signIns >= before + SIGN_INS_AFTER_RECOVERY,
      WAIT_MS,
      `${fault.name}: sign-ins did not succeed again after recovery`,
    );

    await traffic.stop();
    await probe.stop();
    const issued = traffic.outcomes.flatMap((o) => (o.tokens ? [o.tokens] : []));
    return {
      brokenAt,
      readyDownAt: probe.firstAt(503, brokenAt),
      mendedAt,
      readyUpAt: probe.firstAt(200, mendedAt),
      outcomes: traffic.outcomes,
      issued,
    };
  } finally {
    await traffic.stop();
    await probe.stop();
  }
}

/** The figures of an outage worth reporting, as the fault tests print them for the README. */
export function outageFigures(name: string, record: OutageRecord): string {
  const during = record.outcomes.filter((o) => o.sentAt >= record.brokenAt);
  const slowest = Math.max(...record.outcomes.map((o) => o.ms));
  const refused = during.filter((o) => o.status === 503);
  const slowestRefusal = Math.max(0, ...refused.map((o) => o.ms));
  return (
    `${name}: ready 503 after ${Math.round(record.readyDownAt! - record.brokenAt)} ms, ` +
    `ready 200 ${Math.round(record.readyUpAt! - record.mendedAt)} ms after mending; ` +
    `${record.outcomes.length} requests (${refused.length} answered 503, the slowest ` +
    `after ${Math.round(slowestRefusal)} ms), slowest ${Math.round(slowest)} ms; ` +
    `${record.issued.length} token pairs checked`
  );
}

/** Statuses other than 200 and a clean 503, with their codes, for a readable failure. */
export function unexpectedAnswers(outcomes: Outcome[]): string[] {
  return outcomes
    .filter((o) => !(o.status === 200 || (o.status === 503 && o.code === 'DEPENDENCY_UNAVAILABLE')))
    .map((o) => `${o.step} at ${Math.round(o.sentAt)} ms: ${o.status} ${o.code ?? o.error ?? ''}`);
}

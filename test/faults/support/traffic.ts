import { JsonClient } from '../../../bench/lib/json-client.js';
import type { Tokens } from '../../../bench/lib/sign-in-client.js';
import type { Wallet } from '../../../bench/lib/wallet.js';

/** One request the traffic made and how it ended. */
export interface Outcome {
  step: 'challenge' | 'login' | 'me' | 'refresh';
  /** Milliseconds since the traffic started. */
  sentAt: number;
  ms: number;
  /** HTTP status, or 0 when the request got no answer (network error or timeout). */
  status: number;
  code?: string;
  error?: string;
  tokens?: Tokens;
}

/** Options of a Traffic. */
export interface TrafficOptions {
  workers: number;
  /** A request unanswered after this long counts as hung. */
  timeoutMs: number;
  /** Pause between a worker's rounds, so the load stays moderate on a shared machine. */
  pauseMs: number;
  /** Hard bound on rounds per worker. */
  maxRounds: number;
}

/**
 * Steady sign-in traffic for fault tests: each worker signs in (challenge, sign, login),
 * reads /users/me with the new token and refreshes once, round after round, recording every
 * request. Bounded by `maxRounds` and stopped explicitly.
 */
export class Traffic {
  readonly outcomes: Outcome[] = [];
  private readonly client: JsonClient;
  private readonly began = performance.now();
  private stopped = false;
  private running: Promise<void> | undefined;

  constructor(
    serviceUrl: string,
    private readonly wallets: Wallet[],
    private readonly options: TrafficOptions,
  ) {
    this.client = new JsonClient(serviceUrl, {
      connections: options.workers,
      timeoutMs: options.timeoutMs,
    });
  }

  /** Milliseconds since the traffic was created. */
  now(): number {
    return performance.now() - this.began;
  }

  /** Successful sign-ins so far. */
  get signIns(): number {
    return this.outcomes.filter((o) => o.step === 'login' && o.status === 200).length;
  }

  start(): void {
    this.running = Promise.all(
      Array.from({ length: this.options.workers }, (_, id) => this.worker(id)),
    ).then(() => undefined);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.running;
    this.client.close();
  }

  private async send<T>(
    step: Outcome['step'],
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: T }> {
    const sentAt = this.now();
    try {
      const reply = await this.client.send<T>(method, path, body, headers);
      const code = (reply.body as { code?: string } | undefined)?.code;
      const issues = step === 'login' || step === 'refresh';
      const tokens = issues && reply.status === 200 ? (reply.body as Tokens) : undefined;
      this.outcomes.push({
        step,
        sentAt,
        ms: this.now() - sentAt,
        status: reply.status,
        code,
        tokens,
      });
      return reply;
    } catch (error) {
      this.outcomes.push({
        step,
        sentAt,
        ms: this.now() - sentAt,
        status: 0,
        error: String(error),
      });
      return { status: 0, body: undefined as T };
    }
  }

  private async worker(id: number): Promise<void> {
    for (let round = 0; round < this.options.maxRounds && !this.stopped; round++) {
      const wallet = this.wallets[(id + round * this.options.workers) % this.wallets.length]!;
      await this.round(wallet);
      await new Promise((resolve) => setTimeout(resolve, this.options.pauseMs));
    }
  }

  private async round(wallet: Wallet): Promise<void> {
    const address = wallet.address.base58;
    const challenge = await this.send<{ message: string }>(
      'challenge',
      'POST',
      '/api/v1/auth/challenge',
      {
        address,
      },
    );
    if (challenge.status !== 200) return;

    const { message } = challenge.body;
    const login = await this.send<Tokens>('login', 'POST', '/api/v1/auth/login', {
      message,
      signature: wallet.sign(message),
    });
    if (login.status !== 200) return;

    const auth = { authorization: `Bearer ${login.body.accessToken}` };
    await this.send('me', 'GET', '/api/v1/users/me', undefined, auth);
    await this.send('refresh', 'POST', '/api/v1/auth/refresh', {
      refreshToken: login.body.refreshToken,
    });
  }
}

/** Polls /health/ready and records when it answered what. */
export class ReadyProbe {
  /** Each probe: when it was sent, when it was answered, and the status (0: no answer). */
  readonly samples: Array<{ at: number; answeredAt: number; status: number }> = [];
  private stopped = false;
  private running: Promise<void> | undefined;

  constructor(
    private readonly url: string,
    private readonly clock: () => number,
    private readonly everyMs = 100,
  ) {}

  start(): void {
    this.running = (async () => {
      while (!this.stopped) {
        const at = this.clock();
        const status = await fetch(`${this.url}/health/ready`, {
          signal: AbortSignal.timeout(5_000),
        })
          .then((response) => response.status)
          .catch(() => 0);
        this.samples.push({ at, answeredAt: this.clock(), status });
        await new Promise((resolve) => setTimeout(resolve, this.everyMs));
      }
    })();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.running;
  }

  /**
   * When ready first answered `status` to a probe sent at or after `from`, or undefined.
   * The answer's time, not the probe's: a probe that hangs has not reported anything yet.
   */
  firstAt(status: number, from: number): number | undefined {
    return this.samples.find((sample) => sample.at >= from && sample.status === status)?.answeredAt;
  }
}

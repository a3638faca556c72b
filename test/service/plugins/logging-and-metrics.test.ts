import { Writable } from 'node:stream';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';

import { buildTestApp } from '../helpers/app.js';
import { TestWallet, challengeFor, signIn, type Tokens } from '../helpers/wallet.js';

/** Collects pino's JSON lines. */
class LogCapture extends Writable {
  readonly lines: string[] = [];

  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.lines.push(...chunk.toString().split('\n').filter(Boolean));
    done();
  }

  get text(): string {
    return this.lines.join('\n');
  }
}

describe('request logs and metrics', () => {
  let app: FastifyInstance;
  let logs: LogCapture;

  beforeEach(async () => {
    logs = new LogCapture();
    app = await buildTestApp({ env: { LOG_LEVEL: 'info' }, logStream: logs });
  });

  afterEach(async () => {
    await app.close();
  });

  it('never writes tokens, signatures or authorization headers to the log', async () => {
    const wallet = new TestWallet();
    const tokens = await signIn(app, wallet);
    const refreshed = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/refresh?token=abc',
      payload: { refreshToken: tokens.refreshToken },
    });
    const next = refreshed.json<Tokens>();
    const message = await challengeFor(app, wallet);
    const badSignature = new TestWallet().sign(message);
    await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { message, signature: badSignature },
    });
    await app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { authorization: `Bearer ${next.accessToken}`, cookie: 'session=secret-cookie' },
    });

    const secrets = [
      tokens.accessToken,
      tokens.refreshToken,
      next.accessToken,
      next.refreshToken,
      badSignature.slice(2),
      'secret-cookie',
      'token=abc',
    ];
    for (const secret of secrets) expect(logs.text).not.toContain(secret);
    expect(logs.text).toContain('"reason":"bad-signature"');
  });

  it('writes one line per request with method, path, route, status and duration', async () => {
    await app.inject({ method: 'GET', url: '/api/v1/meta/info?x=1' });

    const completed = logs.lines
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((entry) => entry.msg === 'request completed');

    expect(completed).toHaveLength(1);
    expect(completed[0]).toMatchObject({
      method: 'GET',
      path: '/api/v1/meta/info',
      route: '/api/v1/meta/info',
      statusCode: 200,
    });
    expect(typeof completed[0]!.requestId).toBe('string');
    expect(typeof completed[0]!.durationMs).toBe('number');
  });

  it('counts requests by route and sign-ins by outcome in Prometheus format', async () => {
    const wallet = new TestWallet();
    await signIn(app, wallet);
    const message = await challengeFor(app, wallet);
    await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { message, signature: new TestWallet().sign(message) },
    });

    const response = await app.inject({ method: 'GET', url: '/metrics' });
    const text = response.body;

    expect(response.headers['content-type']).toContain('text/plain');
    expect(text).toContain(
      'http_requests_total{method="POST",route="/api/v1/auth/challenge",status_code="200"} 2',
    );
    expect(text).toContain('auth_sign_ins_total{flow="register",outcome="success"} 1');
    expect(text).toContain('auth_sign_ins_total{flow="login",outcome="failure"} 1');
    expect(text).toMatch(/http_request_duration_seconds_bucket\{le="0.005"/);
    expect(text).toContain('auth_refresh_reuse_total 0');
  });
});

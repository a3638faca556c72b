import { connect } from 'node:net';
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

/** Sends one GET with the path exactly as given and returns the whole raw answer. */
function rawGet(address: URL, path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(Number(address.port), address.hostname, () => {
      socket.write(`GET ${path} HTTP/1.1\r\nHost: lucid.test\r\nConnection: close\r\n\r\n`);
    });
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString('utf8')));
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
  });
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

  it("writes the request line in the format of pino's other lines, escaping the path", async () => {
    // Node's parser lets quotes and backslashes through in a path; inject would encode them.
    const path = '/nope/"quoted"\\';
    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    const answer = await rawGet(new URL(address), `${path}?token=abc`);
    app.log.info('after the request');

    const entries = logs.lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const completed = entries.find((entry) => entry.msg === 'request completed');
    const other = entries.find((entry) => entry.msg === 'after the request');

    expect(answer).toMatch(/^HTTP\/1.1 404 /);
    expect(completed).toEqual({
      level: other!.level,
      time: expect.any(Number) as number,
      service: other!.service,
      version: other!.version,
      requestId: expect.any(String) as string,
      method: 'GET',
      path,
      statusCode: 404,
      durationMs: expect.any(Number) as number,
      ip: '127.0.0.1',
      msg: 'request completed',
    });
    expect(logs.text).not.toContain('token=abc');
  });

  it('writes no request line when the level is above info', async () => {
    const quiet = new LogCapture();
    const warnOnly = await buildTestApp({ env: { LOG_LEVEL: 'warn' }, logStream: quiet });
    try {
      await warnOnly.inject({ method: 'GET', url: '/api/v1/meta/info' });
      warnOnly.log.warn('a warning');
    } finally {
      await warnOnly.close();
    }

    expect(quiet.lines.map((line) => (JSON.parse(line) as { msg: string }).msg)).toEqual([
      'a warning',
    ]);
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

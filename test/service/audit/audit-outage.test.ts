import { Writable } from 'node:stream';

import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';

import { buildApp } from '../../../service/src/app.js';
import { testServices } from '../../support/services.js';
import { dropTestData, testConfig } from '../helpers/app.js';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy.js';
import { challengeFor, signIn, TestWallet } from '../helpers/wallet.js';

/** Collects pino's JSON lines. */
class LogCapture extends Writable {
  readonly lines: Array<{ msg?: string; audit?: { type?: string } }> = [];

  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    for (const line of chunk.toString().split('\n').filter(Boolean)) {
      this.lines.push(JSON.parse(line) as (typeof this.lines)[number]);
    }
    done();
  }

  /** The event types of 'audit write failed' lines. */
  failedAudits(): Array<string | undefined> {
    return this.lines.filter((l) => l.msg === 'audit write failed').map((l) => l.audit?.type);
  }
}

const RETRYABLE_503 = {
  statusCode: 503,
  code: 'DEPENDENCY_UNAVAILABLE',
  error: 'Service Unavailable',
  message: 'A storage dependency is unavailable: retry shortly',
};

// The app reaches MongoDB through a TCP proxy the test cuts, so audit writes fail the way
// they do in an outage, while Redis (challenges, session state) keeps working.
describe('audit writes while MongoDB is unreachable', () => {
  let app: FastifyInstance;
  let proxy: TcpProxy;
  let logs: LogCapture;

  async function buildBehindProxy(): Promise<void> {
    const direct = testServices().mongodbUri;
    proxy = await startTcpProxy(new URL(direct).host);
    logs = new LogCapture();
    const config = testConfig({ MONGODB_URI: `mongodb://${proxy.address}/`, LOG_LEVEL: 'warn' });
    app = await buildApp({ config, logStream: logs });
    app.addHook('onClose', () => dropTestData({ ...config, mongodbUri: direct }));
  }

  afterEach(async () => {
    await app.close();
  });

  it('refuses a challenge with a retryable 503 instead of issuing it unaudited', async () => {
    await buildBehindProxy();
    await proxy.cut();

    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/challenge',
      payload: { address: new TestWallet().address },
    });

    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBe('1');
    expect(response.json()).toEqual(RETRYABLE_503);
    expect(logs.failedAudits()).toEqual(['challenge.issued']);
  });

  it('refuses a login whose auth.login entry cannot be stored, handing out no token', async () => {
    await buildBehindProxy();
    const wallet = new TestWallet();
    await signIn(app, wallet, 'register');
    const message = await challengeFor(app, wallet);
    const { sessionStore } = app.services;
    const insert = sessionStore.insert.bind(sessionStore);
    sessionStore.insert = async (record) => {
      await insert(record);
      await proxy.cut();
    };

    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { message, signature: wallet.sign(message) },
    });

    expect(response.statusCode).toBe(503);
    expect(response.json()).toEqual(RETRYABLE_503);
    expect(response.body).not.toContain('accessToken');
    expect(logs.failedAudits()).toEqual(['auth.login']);
  });

  it('still answers a refresh whose audit entry cannot be stored: the token is rotated', async () => {
    await buildBehindProxy();
    const tokens = await signIn(app, new TestWallet(), 'register');
    const { accounts } = app.services;
    const findById = accounts.findById.bind(accounts);
    accounts.findById = async (id) => {
      const account = await findById(id);
      await proxy.cut();
      return account;
    };

    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/refresh',
      payload: { refreshToken: tokens.refreshToken },
    });

    expect(response.statusCode).toBe(200);
    expect(response.json<{ refreshToken: string }>().refreshToken).not.toBe(tokens.refreshToken);
    expect(logs.failedAudits()).toEqual(['auth.refresh']);
  });
});

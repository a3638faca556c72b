import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { redisConfigFile } from '../../../infra/model/redis-model.js';
import { stackModel } from '../../../infra/testing/stack-model.js';

const run = promisify(execFile);
const PASSWORD = 'RedisConfigTestPassword0123456789abcdef';

let dir: string;
let port: number;
let server: ChildProcess;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no free port')),
      );
    });
  });
}

// The generated redis.conf runs on Debian's redis-server, with only the port, directory and
// bind address overridden on the command line so the test stays on 127.0.0.1.
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'lucid-redis-conf-'));
  port = await freePort();
  writeFileSync(path.join(dir, 'redis.conf'), redisConfigFile(PASSWORD, 32));

  server = spawn(
    'redis-server',
    [path.join(dir, 'redis.conf'), '--port', String(port), '--dir', dir, '--bind', '127.0.0.1'],
    { stdio: 'ignore' },
  );
  server.on('error', (error) => {
    throw new Error(`redis-server could not start (is Debian's redis-server installed?)`, {
      cause: error,
    });
  });

  for (let i = 0; i < 50; i++) {
    const probe = await run('redis-cli', ['-p', String(port), 'ping']).catch(() => undefined);
    if (probe) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`redis-server with the generated config did not start on port ${port}`);
});

// Redis saves on SIGTERM and refuses to exit when it cannot, so its directory must outlive
// it: wait for the exit (SIGKILL after 5 s) before removing the folder.
afterAll(async () => {
  if (server && server.exitCode === null && server.signalCode === null) {
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGTERM');
    const stopped = await Promise.race([
      exited.then(() => true),
      new Promise((resolve) => setTimeout(resolve, 5_000, false)),
    ]);
    if (!stopped) server.kill('SIGKILL');
  }
  rmSync(dir, { recursive: true, force: true });
}, 10_000);

describe('the generated redis.conf on a real redis-server', () => {
  it('refuses commands until the client authenticates with the password', async () => {
    const anonymous = await run('redis-cli', ['-p', String(port), 'get', 'k']);
    expect(anonymous.stdout.trim()).toMatch(/^NOAUTH/);

    const client = new Redis({ port, host: '127.0.0.1', password: PASSWORD });
    await client.set('lucid-redis-conf-test', 'ok');
    expect(await client.get('lucid-redis-conf-test')).toBe('ok');
    expect(await client.config('GET', 'appendonly')).toEqual(['appendonly', 'yes']);
    expect(await client.config('GET', 'maxmemory-policy')).toEqual([
      'maxmemory-policy',
      'noeviction',
    ]);
    client.disconnect();
  });

  it('answers the exec-form health check without the password', async () => {
    const [binary, ...args] = stackModel('dev').services.redis.health.exec;
    const beforePing = args.slice(0, -1);

    const { stdout } = await run(String(binary), [...beforePing, '-p', String(port), 'ping']);
    expect(stdout.trim()).toBe('PONG');
  });

  it('lets the health-check user run nothing but PING', async () => {
    const health = new Redis({ port, host: '127.0.0.1', username: 'healthcheck', password: 'x' });

    await expect(health.get('lucid-redis-conf-test')).rejects.toThrow(/NOPERM/);
    expect(await health.ping()).toBe('PONG');
    health.disconnect();
  });
});

import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Redis } from 'ioredis';

import { freePort, waitUntil } from '../../../bench/lib/ports.js';

/** A redis-server of a fault test's own, which the test may stop, freeze and restart. */
export interface OwnRedis {
  port: number;
  uri: string;
  /** SIGKILL: the port refuses connections until `start`. */
  kill(): Promise<void>;
  /** Starts it again on the same port and data directory (append-only file kept). */
  start(): Promise<void>;
  /** SIGSTOP: connections stay open and nothing answers, like a network partition. */
  freeze(): void;
  /** SIGCONT after `freeze`. */
  thaw(): void;
  /** Stops it for good and removes its data. */
  dispose(): Promise<void>;
}

async function ping(port: number): Promise<boolean> {
  const client = new Redis({
    port,
    host: '127.0.0.1',
    lazyConnect: true,
    retryStrategy: () => null,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } finally {
    client.disconnect();
  }
}

/**
 * Starts Debian's redis-server on a free 127.0.0.1 port with append-only persistence
 * fsynced on every write, so a SIGKILL loses nothing it acknowledged, as a production Redis
 * configured for sessions would. Never the shared test Redis: other suites rely on that one.
 */
export async function startOwnRedis(): Promise<OwnRedis> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'lucid-fault-redis-'));
  let child: ChildProcess | undefined;

  const start = async () => {
    child = spawn(
      'redis-server',
      ['--bind', '127.0.0.1', '--port', String(port), '--dir', dir, '--save', ''].concat([
        '--appendonly',
        'yes',
        '--appendfsync',
        'always',
        '--daemonize',
        'no',
      ]),
      { stdio: 'ignore' },
    );
    await waitUntil(() => ping(port), 10_000, `redis-server on ${port} did not start`);
  };
  const kill = async () => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGCONT');
    child.kill('SIGKILL');
    await exited;
  };

  await start();
  return {
    port,
    uri: `redis://127.0.0.1:${port}/`,
    kill,
    start,
    freeze: () => child?.kill('SIGSTOP'),
    thaw: () => child?.kill('SIGCONT'),
    dispose: async () => {
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { MongoClient } from 'mongodb';

import { freePort, waitUntil } from '../../../bench/lib/ports.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/** A FerretDB of a fault test's own, which the test may stop, freeze and restart. */
export interface OwnFerretDb {
  port: number;
  uri: string;
  /** SIGKILL: committed data stays in its SQLite files; the port refuses connections. */
  kill(): Promise<void>;
  /** Starts it again on the same port and data directory. */
  start(): Promise<void>;
  /** SIGSTOP: connections stay open and nothing answers. */
  freeze(): void;
  /** SIGCONT after `freeze`. */
  thaw(): void;
  /** Stops it for good and removes its data. */
  dispose(): Promise<void>;
}

async function ping(uri: string): Promise<boolean> {
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 500 });
  try {
    await client.db('admin').command({ ping: 1 });
    return true;
  } finally {
    await client.close();
  }
}

/**
 * Starts the FerretDB binary the test services use (scripts/build-ferretdb.sh builds it
 * once) on a free 127.0.0.1 port with its own SQLite directory. Never the shared server.
 */
export async function startOwnFerretDb(): Promise<OwnFerretDb> {
  const binary = execFileSync('bash', ['scripts/build-ferretdb.sh'], { cwd: root })
    .toString()
    .trim();
  const port = await freePort();
  const debugPort = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'lucid-fault-ferretdb-'));
  const uri = `mongodb://127.0.0.1:${port}/`;
  let child: ChildProcess | undefined;

  const start = async () => {
    child = spawn(
      binary,
      [
        '--handler=sqlite',
        `--sqlite-url=file:${dir}/`,
        `--state-dir=${dir}`,
        `--listen-addr=127.0.0.1:${port}`,
        `--debug-addr=127.0.0.1:${debugPort}`,
        '--telemetry=disable',
        '--log-level=WARN',
      ],
      { stdio: 'ignore' },
    );
    await waitUntil(() => ping(uri), 30_000, `FerretDB on ${port} did not start`);
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
    uri,
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

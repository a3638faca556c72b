import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { openSync, closeSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { builtService } from './build-service.js';
import { freePort, waitUntil } from './ports.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** What a service process is started with. */
export interface ServiceProcessOptions {
  mongodbUri: string;
  redisUri: string;
  /** pino level; the default `info` writes one line per request, as deployed. */
  logLevel?: string;
  /** Extra variables, applied last (NODE_OPTIONS here replaces the image's, and so on). */
  env?: Record<string, string>;
  /** Node flags in place of those of the image's ENTRYPOINT. */
  nodeFlags?: string[];
  /** Listen on this port instead of a free one (to restart on the same address). */
  port?: number;
  /** Reuse another process's database and key prefix (a restart, not a new deployment). */
  database?: string;
  keyPrefix?: string;
  keyEncryptionSecret?: string;
  /** `built` (default) runs the image's bundle; `tsx` runs the sources as `npm run service`. */
  runtime?: 'built' | 'tsx';
  /** A JavaScript entry file to run instead (another build of the service). */
  entry?: string;
  /** How long to wait for /health/ready; 30 s by default. */
  readyTimeoutMs?: number;
}

/** How a service process ended. */
export interface ServiceExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A running service, started as its own process so its memory and CPU are its own. */
export interface ServiceProcess {
  pid: number;
  port: number;
  url: string;
  database: string;
  keyPrefix: string;
  keyEncryptionSecret: string;
  /** File holding the process's stdout and stderr. */
  logPath: string;
  /** Resolves when the process ends, however it ends. */
  exited: Promise<ServiceExit>;
  /** The process's log so far (stdout and stderr), for failure messages. */
  log(): string;
  /** Sends `signal` and waits up to `timeoutMs` for the exit, then kills it. */
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<ServiceExit & { ms: number }>;
}

/** Variables of the image's ENV that shape the process's memory, copied by every bench. */
export const IMAGE_MEMORY_VARIABLES = ['NODE_OPTIONS', 'MALLOC_ARENA_MAX'] as const;

/** How the image starts Node: its memory settings and the V8 flags of its ENTRYPOINT. */
export interface ImageRuntime {
  env: Record<(typeof IMAGE_MEMORY_VARIABLES)[number], string>;
  /** What ENTRYPOINT passes to node before the script (flags NODE_OPTIONS refuses). */
  nodeFlags: string[];
}

let runtime: ImageRuntime | undefined;

/**
 * How service/Dockerfile runs Node (V8's heap limits and flags, glibc's arenas), so a process
 * started here sizes its memory and compiles as the container does. Read from the Dockerfile
 * rather than copied, so the two cannot drift apart; the image test checks the built image
 * carries the same values.
 */
export function imageRuntime(): ImageRuntime {
  if (runtime !== undefined) return runtime;
  const dockerfile = readFileSync(join(root, 'service/Dockerfile'), 'utf8');
  const read = (name: string) => {
    const match = new RegExp(`^\\s*${name}="([^"]*)"`, 'm').exec(dockerfile);
    if (!match) throw new Error(`service/Dockerfile sets no ${name}="..." in its ENV`);
    return match[1]!;
  };
  const entrypoint = /^ENTRYPOINT (\[.*\])\s*$/m.exec(dockerfile);
  if (!entrypoint) throw new Error('service/Dockerfile has no exec-form ENTRYPOINT');
  runtime = {
    env: Object.fromEntries(
      IMAGE_MEMORY_VARIABLES.map((name) => [name, read(name)]),
    ) as ImageRuntime['env'],
    nodeFlags: (JSON.parse(entrypoint[1]!) as string[]).slice(1),
  };
  return runtime;
}

/** Public origin every benchmark and fault-test process binds its sign-in messages to. */
export const BENCH_ORIGIN = 'https://auth.lucid.test';

// Limits raised so load measures the service rather than the limiter: every request is
// still counted in Redis, only the ceiling is out of reach. A million a minute was not: on a
// fast machine the soak's ten-second peak and the first minute of its hold passed it, and a
// few percent of its requests were refused (429).
const UNREACHABLE_LIMIT = '1000000000';

/**
 * Starts the service (the image's bundle of service/src/main.ts) with production settings and
 * the image's heap limits, its own database and key prefix, and waits for /health/ready. Logs
 * go to a file, not a pipe, so reading them costs the load generator nothing.
 */
export async function startService(options: ServiceProcessOptions): Promise<ServiceProcess> {
  const id = randomBytes(5).toString('hex');
  const port = options.port ?? (await freePort());
  const database = options.database ?? `bench_${id}`;
  const keyPrefix = options.keyPrefix ?? `bench:${id}:`;
  const keyEncryptionSecret = options.keyEncryptionSecret ?? randomBytes(32).toString('base64');
  const logPath = join(tmpdir(), `lucid-service-${id}.log`);

  const env = {
    PATH: process.env.PATH,
    NODE_ENV: 'production',
    ...imageRuntime().env,
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: options.logLevel ?? 'info',
    MONGODB_URI: options.mongodbUri,
    MONGODB_DATABASE: database,
    REDIS_URI: options.redisUri,
    REDIS_KEY_PREFIX: keyPrefix,
    KEY_ENCRYPTION_SECRET: keyEncryptionSecret,
    PUBLIC_ORIGIN: BENCH_ORIGIN,
    RATE_LIMIT_UNAUTHENTICATED: UNREACHABLE_LIMIT,
    RATE_LIMIT_AUTHENTICATED: UNREACHABLE_LIMIT,
    RATE_LIMIT_ADMIN: UNREACHABLE_LIMIT,
    LOCKOUT_MAX_ATTEMPTS: '1000',
    ...options.env,
  };

  const fd = openSync(logPath, 'a');
  const script =
    options.runtime === 'tsx'
      ? ['--import', 'tsx', join(root, 'service/src/main.ts')]
      : [options.entry ?? (await builtService())];
  const args = [...(options.nodeFlags ?? imageRuntime().nodeFlags), ...script];
  const child = spawn(process.execPath, args, {
    cwd: root,
    env,
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);

  const exited = new Promise<ServiceExit>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  let ended = false;
  void exited.then(() => (ended = true));

  const url = `http://127.0.0.1:${port}`;
  const log = () => readLog(logPath);
  try {
    await waitUntil(
      async () => {
        if (ended) throw new Error('exited');
        return (await fetch(`${url}/health/ready`)).status === 200;
      },
      options.readyTimeoutMs ?? 30_000,
      `the service on ${url} did not become ready`,
    );
  } catch (error) {
    child.kill('SIGKILL');
    const detail = ended ? 'it exited during start' : 'it never answered ready';
    throw new Error(`${(error as Error).message}: ${detail}. Its log:\n${log().slice(-4000)}`, {
      cause: error,
    });
  }

  return {
    pid: child.pid!,
    port,
    url,
    database,
    keyPrefix,
    keyEncryptionSecret,
    logPath,
    exited,
    log,
    stop: (signal = 'SIGTERM', timeoutMs = 10_000) => stopChild(child, exited, signal, timeoutMs),
  };
}

function readLog(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

async function stopChild(
  child: ChildProcess,
  exited: Promise<ServiceExit>,
  signal: NodeJS.Signals,
  timeoutMs: number,
): Promise<ServiceExit & { ms: number }> {
  const started = Date.now();
  if (child.exitCode === null && child.signalCode === null) child.kill(signal);

  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), timeoutMs);
  });
  const outcome = await Promise.race([exited, late]);
  clearTimeout(timer);
  if (outcome === 'late') {
    child.kill('SIGKILL');
    const exit = await exited;
    return { ...exit, ms: Date.now() - started };
  }
  return { ...outcome, ms: Date.now() - started };
}

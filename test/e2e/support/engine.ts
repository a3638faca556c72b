import { execFile } from 'node:child_process';
import { request } from 'node:http';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Where the engine listens; DOCKER_HOST may point elsewhere, as for the docker CLI. */
const SOCKET = process.env.DOCKER_HOST?.startsWith('unix://')
  ? process.env.DOCKER_HOST.slice('unix://'.length)
  : '/var/run/docker.sock';

/** A failed Engine API call, with the engine's own message. */
export class EngineError extends Error {
  constructor(
    readonly statusCode: number,
    readonly path: string,
    message: string,
  ) {
    super(`Docker Engine ${path} answered ${statusCode}: ${message}`);
  }
}

/**
 * One call to the Docker Engine API (the same API Pulumi's Docker provider uses), over the
 * engine's Unix socket. The body is JSON unless it is a Buffer (a tar archive).
 */
export async function engine<T = unknown>(
  method: string,
  path: string,
  body?: unknown,
  timeoutMs = 60_000,
): Promise<T> {
  const payload = Buffer.isBuffer(body)
    ? body
    : body === undefined
      ? undefined
      : Buffer.from(JSON.stringify(body));
  const headers = payload
    ? {
        'content-type': Buffer.isBuffer(body) ? 'application/x-tar' : 'application/json',
        'content-length': payload.length,
      }
    : {};

  const { statusCode, text } = await new Promise<{ statusCode: number; text: string }>(
    (resolve, reject) => {
      const call = request(
        { socketPath: SOCKET, method, path, headers, timeout: timeoutMs },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve({ statusCode: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }),
          );
          res.on('error', reject);
        },
      );
      call.on('timeout', () => call.destroy(new Error(`${method} ${path}: no answer`)));
      call.on('error', (error) =>
        reject(new Error(`cannot reach the Docker engine at ${SOCKET}: ${error.message}`)),
      );
      call.end(payload);
    },
  );

  if (statusCode >= 400) {
    const message = (JSON.parse(text || '{}') as { message?: string }).message ?? text;
    throw new EngineError(statusCode, `${method} ${path}`, message);
  }
  return (text && text.trimStart().startsWith('{') ? JSON.parse(text) : text) as T;
}

/** Runs the docker CLI (builds, pushes, manifests: what the API has no simple call for). */
export async function docker(args: readonly string[], timeoutMs = 60_000): Promise<string> {
  try {
    const { stdout } = await run('docker', args, {
      timeout: timeoutMs,
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, DOCKER_BUILDKIT: '0' },
    });
    return stdout.trim();
  } catch (error) {
    const { stderr, message } = error as { stderr?: string; message: string };
    throw new Error(`docker ${args.join(' ')} failed: ${stderr?.trim() || message}`, {
      cause: error,
    });
  }
}

/** Runs a bash script of the repository and returns its standard output. */
export async function script(path: string, args: readonly string[], timeoutMs: number) {
  try {
    const { stdout } = await run('bash', [path, ...args], {
      timeout: timeoutMs,
      maxBuffer: 64 * 1024 * 1024,
    });
    return stdout.trim();
  } catch (error) {
    const { stderr, message } = error as { stderr?: string; message: string };
    throw new Error(`${path} ${args.join(' ')} failed: ${stderr?.trim() || message}`, {
      cause: error,
    });
  }
}

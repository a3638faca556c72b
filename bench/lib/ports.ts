import { createServer } from 'node:net';

/** A TCP port on 127.0.0.1 that nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('could not read the port of a probe socket'));
      });
    });
  });
}

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Polls `probe` every `everyMs` until it returns true, or throws `message` after `timeoutMs`.
 * Bounded by construction: benchmarks and fault tests never wait forever.
 */
export async function waitUntil(
  probe: () => boolean | Promise<boolean>,
  timeoutMs: number,
  message: string,
  everyMs = 100,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const done = await Promise.resolve()
      .then(probe)
      .catch(() => false);
    if (done) return;
    await sleep(everyMs);
  }
  throw new Error(`${message} (waited ${timeoutMs} ms)`);
}

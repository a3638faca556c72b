import { once } from 'node:events';
import { createServer, connect, type AddressInfo } from 'node:net';

import { describe, expect, it } from 'vitest';

import { isDependencyFailure } from '../../../service/src/errors/dependency.js';

/**
 * The error Node raises when a client writes to a socket whose server has already closed
 * its side: what the MongoDB driver met when FerretDB was killed in the middle of a batch.
 */
async function writeAfterServerClosed(): Promise<Error> {
  const server = createServer((socket) => socket.end());
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  try {
    const client = connect((server.address() as AddressInfo).port, '127.0.0.1');
    client.resume();
    await once(client, 'end');
    const failed = new Promise<Error>((resolve) => client.once('error', resolve));
    client.write('after the server closed');
    return await failed;
  } finally {
    server.close();
  }
}

describe('telling a storage failure from a bug', () => {
  it("counts a write after the server's close as a storage failure", async () => {
    const error = await writeAfterServerClosed();

    expect(error.message).toBe('This socket has been ended by the other party');
    expect(isDependencyFailure(error)).toBe(true);
  });

  it('counts a refused connection as one, and an ordinary error as a bug', async () => {
    const refused = await new Promise<Error>((resolve) => {
      const server = createServer();
      server.listen(0, '127.0.0.1', () => {
        const { port } = server.address() as AddressInfo;
        server.close(() => connect(port, '127.0.0.1').once('error', resolve));
      });
    });

    expect((refused as NodeJS.ErrnoException).code).toBe('ECONNREFUSED');
    expect(isDependencyFailure(refused)).toBe(true);
    expect(isDependencyFailure(new TypeError('x is undefined'))).toBe(false);
    expect(isDependencyFailure(Object.assign(new Error('no such file'), { code: 'ENOENT' }))).toBe(
      false,
    );
  });
});

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { JsonClient } from '../../bench/lib/json-client.js';
import { signIn } from '../../bench/lib/sign-in-client.js';
import type { Wallet } from '../../bench/lib/wallet.js';

/** The fuzzer's helper on 127.0.0.1: fresh access tokens and signatures by the fuzz wallet. */
export interface FuzzHelper {
  url: string;
  close(): Promise<void>;
}

function readBody(request: import('node:http').IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

/**
 * Serves `GET /token` (a fresh sign-in of the fuzz wallet, so a session the fuzzer revoked
 * by logging out is replaced) and `POST /sign` (the wallet's TIP-191 signature of a message
 * naming its address), which test/fuzz/hooks.py calls. Schemathesis cannot sign with a
 * TRON key itself; this is how its stateful runs get past sign-in.
 */
export async function startFuzzHelper(client: JsonClient, wallet: Wallet): Promise<FuzzHelper> {
  const server: Server = createServer((request, response) => {
    const reply = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    const handle = async () => {
      if (request.method === 'GET' && request.url === '/token') {
        const tokens = await signIn(client, wallet, 'login');
        return reply(200, { accessToken: tokens.accessToken });
      }
      if (request.method === 'POST' && request.url === '/sign') {
        const { message } = JSON.parse(await readBody(request)) as { message?: unknown };
        if (typeof message !== 'string' || !message.includes(wallet.address.base58)) {
          return reply(400, { error: 'only messages naming the fuzz wallet are signed' });
        }
        return reply(200, { signature: wallet.sign(message) });
      }
      reply(404, { error: 'not found' });
    };
    handle().catch((error: unknown) => reply(500, { error: String(error) }));
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

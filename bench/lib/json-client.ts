import { Agent, request } from 'node:http';

/** A JSON answer: status and parsed body (undefined when the body is not JSON). */
export interface JsonReply<T = unknown> {
  status: number;
  body: T;
  headers: Record<string, string | string[] | undefined>;
}

/** Options of a JsonClient. */
export interface JsonClientOptions {
  /** Connections kept open; also the most requests in flight at once. */
  connections: number;
  /** A request without an answer after this long fails (never hangs). */
  timeoutMs?: number;
}

/**
 * A small keep-alive HTTP client for the sign-in and refresh loops, on node:http so that
 * the client's own cost stays small and predictable next to the service's.
 */
export class JsonClient {
  private readonly base: URL;
  private readonly agent: Agent;
  private readonly timeoutMs: number;

  constructor(baseUrl: string, options: JsonClientOptions) {
    this.base = new URL(baseUrl);
    this.agent = new Agent({ keepAlive: true, maxSockets: options.connections });
    this.timeoutMs = options.timeoutMs ?? 10_000;
  }

  /** Sends one request; rejects on network errors and timeouts, never on an HTTP status. */
  send<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<JsonReply<T>> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = request(
        {
          host: this.base.hostname,
          port: this.base.port,
          method,
          path,
          agent: this.agent,
          timeout: this.timeoutMs,
          headers: {
            ...headers,
            ...(payload === undefined
              ? {}
              : {
                  'content-type': 'application/json',
                  'content-length': Buffer.byteLength(payload),
                }),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let parsed: unknown;
            try {
              parsed = text === '' ? undefined : JSON.parse(text);
            } catch {
              parsed = undefined;
            }
            resolve({ status: res.statusCode ?? 0, body: parsed as T, headers: res.headers });
          });
        },
      );
      req.on('timeout', () =>
        req.destroy(new Error(`${method} ${path}: no answer in ${this.timeoutMs} ms`)),
      );
      req.on('error', reject);
      req.end(payload);
    });
  }

  /** Closes the kept-alive connections. */
  close(): void {
    this.agent.destroy();
  }
}

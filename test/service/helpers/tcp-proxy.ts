import { createServer, connect, type Server, type Socket } from 'node:net';

/** A TCP proxy to a real server that a test can cut, to see a dependency fail mid-flight. */
export interface TcpProxy {
  /** host:port clients should connect to. */
  address: string;
  /** Drops every connection and refuses new ones. */
  cut(): Promise<void>;
}

/** Starts a proxy on 127.0.0.1 forwarding to `target` (host:port). */
export async function startTcpProxy(target: string): Promise<TcpProxy> {
  const [host, port] = target.split(':') as [string, string];
  const sockets = new Set<Socket>();

  const server: Server = createServer((client) => {
    const upstream = connect(Number(port), host);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => socket.destroy());
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port: listening } = server.address() as { port: number };

  return {
    address: `127.0.0.1:${listening}`,
    async cut() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}

import { createServer, connect, type AddressInfo, type Socket } from 'node:net';

/** A TCP relay on 127.0.0.1 in front of a real server, which a test can cut. */
export interface TcpProxy {
  /** The port the relay listens on. */
  port: number;
  /** Drops every connection and refuses new ones, as a failed server would. */
  cut(): Promise<void>;
}

/** Starts a relay to `targetPort` on 127.0.0.1. */
export async function startTcpProxy(targetPort: number): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(targetPort, '127.0.0.1');
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => socket.destroy());
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  return {
    port: (server.address() as AddressInfo).port,
    cut: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}

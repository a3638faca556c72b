import type { FastifyInstance, onSendHookHandler } from 'fastify';

type SendDone = Parameters<onSendHookHandler>[3];

/**
 * Writes the responses finished in one turn of the event loop together, at the end of that
 * turn, instead of each as soon as its handler returns.
 *
 * Each response is one write to its socket. When the peer (a proxy on the same host, a client
 * on loopback) is asleep waiting for data, that write also pays for waking it on another core,
 * and on a virtual machine the wake-up can cost more than the route itself: under 10
 * connections a meta/info write took about 55 µs of CPU when the service was the bottleneck,
 * against 17 µs when the peer was kept busy. Written back to back, the responses of a turn
 * find the peer awake after the first.
 *
 * Measured side by side on meta/info at 10 connections, on two machines: 8,500 against 14,600
 * requests a second with the service pinned to one core, and 36,600 to 37,900 against 40,700
 * to 42,000 unpinned. Writing the first response of each turn at once, and holding only the
 * others, kept about a third of that gain (37,000 to 38,000 unpinned). At one connection
 * there is never a second response to wait for, and holding the one costs a setImmediate: 2%
 * to 7% of that route's CPU. A response waits at most for the rest of its turn, the handling
 * of requests that arrived with it. Register this after every other onSend hook, so they all
 * see the payload first.
 */
export function installResponseBatching(app: FastifyInstance): void {
  // Responses held for the end of this turn; an end is scheduled whenever this is not empty.
  let waiting: Array<() => void> = [];

  const endTurn = (): void => {
    const batch = waiting;
    waiting = [];
    let next = 0;
    try {
      while (next < batch.length) batch[next++]!();
    } finally {
      // A send that throws leaves the rest of its batch for the next turn, not hanging.
      if (next < batch.length) {
        if (waiting.length === 0) setImmediate(endTurn);
        waiting.unshift(...batch.slice(next));
      }
    }
  };

  app.addHook('onSend', (_request, _reply, payload, done: SendDone) => {
    waiting.push(() => done(null, payload));
    if (waiting.length === 1) setImmediate(endTurn);
  });
}

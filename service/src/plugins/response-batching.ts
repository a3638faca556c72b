import type { FastifyInstance, onSendHookHandler } from 'fastify';

type SendDone = Parameters<onSendHookHandler>[3];

/**
 * Writes the responses finished in one turn of the event loop together, at the end of that
 * turn, instead of each as soon as its handler returns. The first of a turn goes at once.
 *
 * Each response is one write to its socket. When the peer (a proxy on the same host, a client
 * on loopback) is asleep waiting for data, that write also pays for waking it on another core,
 * and on a virtual machine the wake-up can cost more than the route itself: under 10
 * connections a meta/info write took about 55 µs of CPU when the service was the bottleneck,
 * against 17 µs when the peer was kept busy. Written back to back, the responses of a turn
 * find the peer awake after the first. Measured side by side on meta/info, service pinned to
 * one core: 115 against 72.5 µs of CPU a request and 8,500 against 13,500 requests a second
 * at 10 connections.
 *
 * The first response of a turn is not held: with a single client there is no second one to
 * wait for, and holding it cost 7% more CPU a request at one connection; not holding it costs
 * one setImmediate a turn (3%). The others wait at most for the rest of their turn, the
 * handling of requests that arrived with them. Register it after every other onSend hook, so
 * they all see the payload first.
 */
export function installResponseBatching(app: FastifyInstance): void {
  let turnStarted = false;
  let waiting: Array<() => void> = [];

  const endTurn = (): void => {
    turnStarted = false;
    const batch = waiting;
    waiting = [];
    let next = 0;
    try {
      while (next < batch.length) batch[next++]!();
    } finally {
      // A send that throws leaves the rest of its batch for the next turn, not hanging.
      if (next < batch.length) {
        waiting.unshift(...batch.slice(next));
        turnStarted = true;
        setImmediate(endTurn);
      }
    }
  };

  app.addHook('onSend', (_request, _reply, payload, done: SendDone) => {
    if (turnStarted) {
      waiting.push(() => done(null, payload));
      return;
    }
    turnStarted = true;
    setImmediate(endTurn);
    done(null, payload);
  });
}

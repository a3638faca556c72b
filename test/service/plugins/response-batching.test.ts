import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';

import { installResponseBatching } from '../../../service/src/plugins/response-batching.js';

let app: FastifyInstance | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function listening(setUp: (instance: FastifyInstance) => void): Promise<string> {
  app = Fastify({ logger: false });
  setUp(app);
  installResponseBatching(app);
  return app.listen({ host: '127.0.0.1', port: 0 });
}

describe('response batching', () => {
  it('holds every response finished in a turn until the turn ends', async () => {
    const events: string[] = [];
    let openGate!: () => void;
    const gate = new Promise<void>((resolve) => (openGate = resolve));
    let arrived = 0;

    const url = await listening((instance) => {
      instance.get<{ Params: { name: string } }>('/wait/:name', async (request, reply) => {
        const { name } = request.params;
        const end = reply.raw.end.bind(reply.raw) as (...args: unknown[]) => unknown;
        reply.raw.end = ((...args: unknown[]) => {
          events.push(`wrote ${name}`);
          return end(...args);
        }) as typeof reply.raw.end;

        // Both handlers return in the same turn: the gate opens once both have arrived. The
        // marker is queued before the plugin's own end of turn, so it runs just before it.
        if (++arrived === 2) {
          setImmediate(() => events.push('turn ended'));
          openGate();
        }
        await gate;
        return { name };
      });
    });

    const answers = await Promise.all(
      ['a', 'b'].map(async (name) => (await fetch(`${url}/wait/${name}`)).json()),
    );

    expect(answers).toEqual([{ name: 'a' }, { name: 'b' }]);
    expect(events).toHaveLength(3);
    expect(events[0]).toBe('turn ended');
    expect(events.slice(1).sort()).toEqual(['wrote a', 'wrote b']);
  });

  it('answers every request of a burst over many connections with its own body', async () => {
    const url = await listening((instance) => {
      instance.get<{ Params: { n: string } }>('/echo/:n', (request) => ({
        n: Number(request.params.n),
      }));
      instance.get('/missing-body', (_request, reply) => reply.code(404).send());
    });

    const numbers = Array.from({ length: 400 }, (_, n) => n);
    const answers = await Promise.all(
      numbers.map(async (n) => (await fetch(`${url}/echo/${n}`)).json()),
    );
    const missing = await fetch(`${url}/missing-body`);

    expect(answers).toEqual(numbers.map((n) => ({ n })));
    expect(missing.status).toBe(404);
  });

  it('lets every onSend hook registered before it see and change the payload', async () => {
    const url = await listening((instance) => {
      instance.addHook('onSend', (_request, reply, payload, done) => {
        void reply.header('x-seen', 'yes');
        done(null, String(payload).replace('plain', 'changed'));
      });
      instance.get('/text', (_request, reply) => reply.type('text/plain').send('plain'));
    });

    const response = await fetch(`${url}/text`);

    expect(response.headers.get('x-seen')).toBe('yes');
    expect(await response.text()).toBe('changed');
  });
});

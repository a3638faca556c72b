import { Writable } from 'node:stream';

import type { FastifyBaseLogger } from 'fastify';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';

import { deferredChildLogger } from '../../../service/src/plugins/request-logger.js';

/** A pino logger writing into `lines`, and a count of the children made from it. */
function capturingLogger(level = 'info') {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  const logger = pino({ level }, stream);
  const made = { children: 0 };
  const parent = new Proxy(logger, {
    get(target, property, receiver) {
      if (property !== 'child') return Reflect.get(target, property, receiver) as unknown;
      return (...args: Parameters<typeof logger.child>) => {
        made.children += 1;
        return target.child(...args);
      };
    },
  }) as unknown as FastifyBaseLogger;
  return { lines, parent, made };
}

describe('deferredChildLogger', () => {
  it('makes no child until something is logged, then one for every later line', () => {
    const { lines, parent, made } = capturingLogger();
    const log = deferredChildLogger(parent, { requestId: 'r-1' }, {});

    expect(made.children).toBe(0);
    expect(log.level).toBe('info');

    log.info({ scope: 'ip' }, 'sign-in refused');
    log.warn('second line');

    expect(made.children).toBe(1);
    expect(lines).toMatchObject([
      { level: 30, requestId: 'r-1', scope: 'ip', msg: 'sign-in refused' },
      { level: 40, requestId: 'r-1', msg: 'second line' },
    ]);
  });

  it('keeps the level the route asked for and drops lines below it', () => {
    const { lines, parent } = capturingLogger('debug');
    const log = deferredChildLogger(parent, { requestId: 'r-2' }, { level: 'warn' });

    expect(log.level).toBe('warn');
    log.info('dropped');
    log.error({ code: 'X' }, 'kept');

    expect(lines).toMatchObject([{ level: 50, requestId: 'r-2', code: 'X', msg: 'kept' }]);
  });

  it('binds the request id into children made from it', () => {
    const { lines, parent } = capturingLogger();
    const log = deferredChildLogger(parent, { requestId: 'r-3' }, {});

    log.child({ step: 'refresh' }).info('nested');

    expect(lines).toMatchObject([{ requestId: 'r-3', step: 'refresh', msg: 'nested' }]);
  });
});

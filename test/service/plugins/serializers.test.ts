import { describe, expect, it } from 'vitest';

import { buildSharedSerializers } from '../../../service/src/plugins/serializers.js';

const route = (schema: unknown, httpStatus = '200') => ({
  schema,
  method: 'GET',
  url: '/example',
  httpStatus,
});

const errorBody = () => ({
  type: 'object',
  properties: { code: { type: 'string' }, statusCode: { type: 'integer' } },
});

describe('the shared response serializers', () => {
  it('compiles equal schemas once, whichever route and status they are declared on', () => {
    const compile = buildSharedSerializers({}, {});

    const first = compile(route(errorBody(), '401'));
    const second = compile({ ...route(errorBody(), '503'), url: '/other' });

    expect(second).toBe(first);
    expect(first({ code: 'RATE_LIMITED', statusCode: 429, extra: 'dropped' })).toBe(
      '{"code":"RATE_LIMITED","statusCode":429}',
    );
  });

  it('keeps a serializer of its own for a schema that differs', () => {
    const compile = buildSharedSerializers({}, {});
    const other = { type: 'object', properties: { id: { type: 'string' } } };

    expect(compile(route(other))).not.toBe(compile(route(errorBody())));
    expect(compile(route(other))({ id: 'a', code: 'x' })).toBe('{"id":"a"}');
  });

  it('resolves references to the shared schemas it was built with', () => {
    const compile = buildSharedSerializers({ Error: { $id: 'Error', ...errorBody() } }, {});

    const serialize = compile(route({ $ref: 'Error#' }));

    expect(serialize({ code: 'FORBIDDEN', statusCode: 403, message: 'no' })).toBe(
      '{"code":"FORBIDDEN","statusCode":403}',
    );
  });
});

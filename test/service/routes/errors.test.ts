import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';

import { buildTestApp } from '../helpers/app.js';
import { TestWallet } from '../helpers/wallet.js';

describe('client mistakes get a 4xx with a catalogue code', () => {
  let app: FastifyInstance;
  const address = new TestWallet().address;

  beforeEach(async () => {
    app = await buildTestApp();
  });

  afterEach(async () => {
    await app.close();
  });

  const challenge = (payload: string, contentType = 'application/json') =>
    app.inject({
      method: 'POST',
      url: '/api/v1/auth/challenge',
      headers: { 'content-type': contentType },
      payload,
    });

  it('answers malformed JSON with INVALID_JSON', async () => {
    const response = await challenge('{"address": ');

    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({
      statusCode: 400,
      code: 'INVALID_JSON',
      error: 'Bad Request',
      message: 'The request body is not valid JSON',
    });
  });

  it('answers an empty JSON body with INVALID_JSON', async () => {
    const response = await challenge('');

    expect(response.json()).toMatchObject({ statusCode: 400, code: 'INVALID_JSON' });
  });

  it('answers a wrong type without coercing it', async () => {
    const response = await challenge(JSON.stringify({ address: 12345 }));

    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'VALIDATION_ERROR' });
  });

  it('answers an unknown field instead of dropping it', async () => {
    const response = await challenge(JSON.stringify({ address, role: 'SUPER_ADMIN' }));

    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'VALIDATION_ERROR' });
  });

  it('answers a missing field', async () => {
    const response = await challenge('{}');

    expect(response.json()).toMatchObject({ statusCode: 400, code: 'VALIDATION_ERROR' });
  });

  it('answers an oversized body with BODY_TOO_LARGE', async () => {
    const response = await challenge(JSON.stringify({ address: 'T'.repeat(20_000) }));

    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({ code: 'BODY_TOO_LARGE' });
  });

  it('answers a body that is not JSON with UNSUPPORTED_MEDIA_TYPE', async () => {
    const response = await challenge(`address=${address}`, 'application/x-www-form-urlencoded');

    expect(response.statusCode).toBe(415);
    expect(response.json()).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
  });

  it('answers a prototype-poisoning body with a 400', async () => {
    const response = await challenge(`{"address":"${address}","__proto__":{"admin":true}}`);

    expect(response.statusCode).toBe(400);
  });

  it('answers a signature that recovers nothing with INVALID_SIGNATURE', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/verify-tron-signature',
      payload: { message: 'hello', signature: `0x${'00'.repeat(64)}1b` },
    });

    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'INVALID_SIGNATURE' });
  });

  it('returns the signer of any TIP-191 message in base58 and hex', async () => {
    const wallet = new TestWallet();

    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/verify-tron-signature',
      payload: { message: 'any text ✓', signature: wallet.sign('any text ✓') },
    });

    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ address: wallet.address });
    expect(response.json<{ addressHex: string }>().addressHex).toMatch(/^41[0-9a-f]{40}$/);
  });

  it('answers with a retryable 503 when Redis is unreachable', async () => {
    app.services.redis.disconnect();

    const response = await challenge(JSON.stringify({ address }));

    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBe('1');
    expect(response.json()).toMatchObject({ code: 'DEPENDENCY_UNAVAILABLE' });
  });
});

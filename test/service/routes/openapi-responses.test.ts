import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { buildTestApp } from '../helpers/app.js';

interface Operation {
  requestBody?: unknown;
  responses: Record<string, { content?: Record<string, unknown> }>;
}

// Probes and metrics opt out of rate limiting (config.rateLimit false); every other route is
// counted in Redis, so it can answer 429, and 503 while Redis is down.
const NOT_RATE_LIMITED = /^\/(health|metrics)/;

// What schemathesis checks the service against: every status and content type it can
// answer must be in the document, or schemathesis reports the difference.
describe('the OpenAPI document', () => {
  let app: FastifyInstance;
  let operations: Array<[label: string, operation: Operation]>;

  beforeAll(async () => {
    app = await buildTestApp();
    const response = await app.inject({ method: 'GET', url: '/openapi.json' });
    const { paths } = response.json<{ paths: Record<string, Record<string, Operation>> }>();
    operations = Object.entries(paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]): [string, Operation] => [`${method} ${path}`, op]),
    );
  });

  afterAll(async () => {
    await app?.close();
  });

  it('documents 413 and 415 on every operation that takes a body', () => {
    const missing = operations
      .filter(([, op]) => op.requestBody !== undefined)
      .flatMap(([label, op]) =>
        ['413', '415'].filter((s) => !op.responses[s]).map((s) => `${label} ${s}`),
      );

    expect(operations.some(([, op]) => op.requestBody !== undefined)).toBe(true);
    expect(missing).toEqual([]);
  });

  it('documents 429 and 503 on every rate-limited operation', () => {
    const missing = operations
      .filter(([label]) => !NOT_RATE_LIMITED.test(label.split(' ')[1]!))
      .flatMap(([label, op]) =>
        ['429', '503'].filter((s) => !op.responses[s]).map((s) => `${label} ${s}`),
      );

    expect(missing).toEqual([]);
  });

  it('documents the metrics as text and the audit export as NDJSON', () => {
    const contentOf = (label: string) =>
      Object.keys(operations.find(([l]) => l === label)?.[1].responses['200']?.content ?? {});

    expect(contentOf('get /metrics')).toEqual(['text/plain']);
    expect(contentOf('get /api/v1/audit/export')).toEqual(['application/x-ndjson']);
  });

  it('answers /metrics with the documented text type', async () => {
    const response = await app.inject({ method: 'GET', url: '/metrics' });

    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
  });
});

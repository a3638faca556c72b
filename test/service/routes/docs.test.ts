import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { chromium, type BrowserContext } from 'playwright-core';

import { buildTestApp } from '../helpers/app.js';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

// The docs UI and the document itself are plumbing, not API routes.
const NOT_API = /^\/(docs|openapi\.json)/;

/**
 * Every method and path the app serves, read from Fastify's own route tree (not from the
 * OpenAPI document, which is what is being checked). HEAD twins of GET are left out.
 */
function servedRoutes(app: FastifyInstance): string[] {
  const stack: string[] = [];
  const routes: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^([│ ]*)[├└]── (\S+) \(([A-Z, ]+)\)$/u.exec(line);
    if (!match) continue;
    const depth = match[1]!.length / 4;
    stack.length = depth;
    stack.push(match[2]!);
    const path = stack.join('').replace(/:(\w+)/g, '{$1}');
    for (const method of match[3]!.split(', ')) {
      if (method !== 'HEAD' && !NOT_API.test(path)) routes.push(`${method} ${path}`);
    }
  }
  return routes.sort();
}

describe('the /docs page', () => {
  let app: FastifyInstance;
  let browser: BrowserContext;
  let profile: string;
  let origin: string;

  beforeAll(async () => {
    app = await buildTestApp();
    origin = await app.listen({ host: '127.0.0.1', port: 0 });
    profile = mkdtempSync(join(tmpdir(), 'lucid-chromium-'));
    // A fresh profile directory per run: Playwright passes it as --user-data-dir.
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: '/usr/bin/chromium',
      args: CHROMIUM_ARGS,
    });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    rmSync(profile, { recursive: true, force: true });
  });

  it('renders in headless Chromium with every route listed', async () => {
    const page = await browser.newPage();
    const failures: string[] = [];
    page.on('pageerror', (error) => failures.push(error.message));

    await page.goto(`${origin}/docs`);
    await page.waitForSelector('.opblock-summary', { timeout: 20_000 });
    const listed: string[] = [];
    for (const block of await page.locator('.opblock-summary').all()) {
      const method = await block.locator('.opblock-summary-method').textContent();
      const path = await block.locator('.opblock-summary-path').getAttribute('data-path');
      listed.push(`${method?.trim()} ${path}`);
    }

    expect(failures).toEqual([]);
    expect(await page.title()).toContain('Swagger UI');
    expect(listed.sort()).toEqual(servedRoutes(app));
  });

  it('serves the same document at /openapi.json', async () => {
    const response = await app.inject({ method: 'GET', url: '/openapi.json' });
    const document = response.json<{ openapi: string; paths: Record<string, unknown> }>();

    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toContain('/api/v1/auth/login');
  });
});

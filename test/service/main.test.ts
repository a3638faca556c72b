import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';
import { fileURLToPath } from 'node:url';

import { afterEach, describe, expect, it } from 'vitest';

import { dropTestData, testConfig } from './helpers/app.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

interface Running {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function start(env: Record<string, string>): Running {
  const child = spawn(process.execPath, ['--import', 'tsx', 'service/src/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { child, output: () => output, exited };
}

async function listeningAddress(running: Running): Promise<string> {
  for (let waited = 0; waited < 30_000; waited += 50) {
    const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(running.output());
    if (match) return match[1]!;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the service did not start:\n${running.output()}`);
}

function get(url: string, agent: Agent): Promise<number> {
  return new Promise((resolve, reject) => {
    request(url, { agent }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    })
      .on('error', reject)
      .end();
  });
}

describe('the service process', () => {
  let running: Running | undefined;

  afterEach(() => {
    running?.child.kill('SIGKILL');
  });

  it('serves, then on SIGTERM closes idle connections and exits 0', async () => {
    const id = randomBytes(6).toString('hex');
    const config = testConfig({ MONGODB_DATABASE: `test_main_${id}` });
    running = start({
      NODE_ENV: 'test',
      PORT: '0',
      LOG_LEVEL: 'info',
      MONGODB_URI: config.mongodbUri,
      MONGODB_DATABASE: config.mongodbDatabase,
      REDIS_URI: config.redisUri,
      REDIS_KEY_PREFIX: config.redisKeyPrefix,
    });
    try {
      const origin = await listeningAddress(running);
      const agent = new Agent({ keepAlive: true });
      expect(await get(`${origin}/health/live`, agent)).toBe(200);

      running.child.kill('SIGTERM');

      expect(await running.exited).toBe(0);
      expect(running.output()).toContain('"signal":"SIGTERM"');
      agent.destroy();
    } finally {
      await dropTestData(config);
    }
  });

  it('stops at start with one line naming a bad variable', async () => {
    running = start({ NODE_ENV: 'development', PORT: 'eighty' });

    expect(await running.exited).toBe(1);
    expect(running.output().trim()).toBe(
      'Invalid configuration: PORT: expected an integer, got "eighty"',
    );
  });
});

import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const BURST = 'test/service/plugins/fixtures/log-burst.ts';

interface Burst {
  code: number | null;
  lines: string[];
}

function startBurst(lines: number, env: Record<string, string>) {
  return spawn(process.execPath, ['--import', 'tsx', BURST], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', LINES: String(lines), ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

/**
 * Runs the burst script with its stdout on a pipe. The reader pauses for `stallMs` first, so
 * the pipe fills and the sink has to wait for room (EAGAIN) while lines keep coming.
 */
function runBurst(lines: number, stallMs: number): Promise<Burst> {
  const child = startBurst(lines, {});
  const chunks: Buffer[] = [];
  child.stdout.pause();
  setTimeout(() => child.stdout.resume(), stallMs);
  child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));

  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      const text = Buffer.concat(chunks).toString('utf8');
      resolve({ code, lines: text.split('\n').filter(Boolean) });
    });
  });
}

describe('the stdout log sink', () => {
  it('delivers every queued line whole and in order when the process exits', async () => {
    const burst = await runBurst(20_000, 300);

    expect(burst.code).toBe(0);
    expect(burst.lines).toHaveLength(20_000);
    burst.lines.forEach((line, index) => {
      expect(JSON.parse(line)).toEqual({
        level: 30,
        index,
        note: 'Zürich → 東京 ✓',
        msg: 'burst',
      });
    });
  });

  it('writes lines that fill no batch while the process keeps running', async () => {
    const child = startBurst(3, { HOLD: '1' });
    let text = '';
    const arrived = new Promise<void>((resolve) => {
      child.stdout.on('data', (chunk: Buffer) => {
        text += chunk.toString('utf8');
        if (text.split('\n').filter(Boolean).length === 3) resolve();
      });
    });

    // Lines never written fail the test here, well before the test timeout, and the child
    // is killed either way.
    let deadline: NodeJS.Timeout | undefined;
    const givenUp = new Promise<never>((_resolve, reject) => {
      deadline = setTimeout(() => reject(new Error(`lines not written: ${text}`)), 10_000);
    });
    try {
      await Promise.race([arrived, givenUp]);
    } finally {
      clearTimeout(deadline);
      child.kill('SIGKILL');
    }
    const indexes = text
      .split('\n')
      .filter(Boolean)
      .map((line) => (JSON.parse(line) as { index: number }).index);
    expect(indexes).toEqual([0, 1, 2]);
  });
});

import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { afterEach, describe, expect, it } from 'vitest';

import { REPO_ROOT } from '../../../infra/testing/stack-files.js';

const exec = promisify(execFile);
const SCRIPT = path.join(REPO_ROOT, 'scripts/pulumi.sh');
const scratch: string[] = [];

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'lucid-pulumi-script-'));
  scratch.push(dir);
  return dir;
}

async function runScript(args: string[], env: NodeJS.ProcessEnv) {
  try {
    const { stdout, stderr } = await exec('bash', [SCRIPT, ...args], { env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

afterEach(() => {
  for (const dir of scratch.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('scripts/pulumi.sh (npm run preview / npm run up)', () => {
  it('stops with install instructions when the Pulumi CLI is missing', async () => {
    const result = await runScript(['preview', 'dev'], { PATH: '/usr/bin:/bin' });

    expect(result.code).toBe(127);
    expect(result.stderr).toContain('the Pulumi CLI is not on PATH');
    expect(result.stderr).toContain('https://get.pulumi.com');
  });

  it('names the existing stacks when asked for one that does not exist', async () => {
    const result = await runScript(['up', 'staging'], { PATH: '/usr/bin:/bin' });

    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'no stack file Pulumi.staging.yaml; the stacks are: dev k3s pi',
    );
  });

  it('refuses any command other than preview and up', async () => {
    const result = await runScript(['destroy'], { PATH: '/usr/bin:/bin' });

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('usage: scripts/pulumi.sh preview|up');
  });

  // No Pulumi CLI can be installed here, so a stand-in records what the script asks of it.
  it('selects the stack on a file backend with a generated passphrase, then runs', async () => {
    const bin = tempDir();
    const home = tempDir();
    const log = path.join(bin, 'calls.log');
    writeFileSync(
      path.join(bin, 'pulumi'),
      '#!/bin/sh\n' +
        `echo "$* | $PULUMI_BACKEND_URL | $PULUMI_CONFIG_PASSPHRASE_FILE" >> ${log}\n`,
    );
    chmodSync(path.join(bin, 'pulumi'), 0o755);

    const result = await runScript(['preview', 'pi', '--diff'], {
      PATH: `${bin}:/usr/bin:/bin`,
      LUCID_PULUMI_HOME: home,
    });

    expect(result.code, result.stderr).toBe(0);
    const passphrase = path.join(home, 'passphrase');
    const env = `file://${home} | ${passphrase}`;
    expect(readFileSync(log, 'utf8').trim().split('\n')).toEqual([
      `stack select pi --create --secrets-provider passphrase --non-interactive | ${env}`,
      `preview --stack pi --diff | ${env}`,
    ]);
    expect(readFileSync(passphrase, 'utf8')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(statSync(passphrase).mode & 0o777).toBe(0o600);
  });
});

import { spawnSync } from 'node:child_process';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../..');
// What `npm run gate` runs (tsx), on the Node running the tests.
function gate(...args: string[]) {
  const command = ['--import', 'tsx', 'policies/gate/cli.ts', ...args];
  const run = spawnSync(process.execPath, command, { cwd: ROOT, encoding: 'utf8' });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('npm run gate', { timeout: 60_000 }, () => {
  it('exits 1 on a mandatory violation and prints it under its resource', () => {
    const run = gate('--program', 'test/policies/corpus/privileged-container.ts');

    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      'docker:index/container:Container auth\n  MANDATORY docker-container-no-privileged: ' +
        'privileged is true; the container must run unprivileged (privileged unset or false).',
    );
    expect(run.stdout).toMatch(
      /7 resources checked: 1 mandatory violations, 0 advisory, \d+ checks cannot run during/,
    );
  });

  it('lists the checks a preview cannot run, and exits 0 on a compliant program', () => {
    const run = gate('--program', 'test/policies/corpus/compliant-docker.ts');

    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      "  auth: docker-container-image-pinned-by-digest (string value at .image can't be known " +
        'during preview)',
    );
  });

  it('gates every stack of the repository with --all', () => {
    const run = gate('--all');

    expect(run.code).toBe(0);
    expect(run.stdout.match(/^== (\w+)$/gm)).toEqual(['== dev', '== k3s', '== pi']);
  });

  it('exits 2 with the usage when given nothing to gate', () => {
    const run = gate();

    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^usage: npm run gate/);
  });
});

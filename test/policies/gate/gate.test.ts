import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { runGate, type GateResult } from '../../../policies/gate/gate.js';
import { listStacks } from '../../../infra/testing/stack-files.js';

function mandatoryPolicies(result: GateResult): string[] {
  const names = result.findings
    .filter((f) => f.kind === 'violation' && f.enforcementLevel === 'mandatory')
    .map((f) => f.policyName);
  return [...new Set(names)].sort();
}

const CORPUS = 'test/policies/corpus';

const badPrograms: [string, string[]][] = [
  ['privileged-container', ['docker-container-no-privileged']],
  ['root-user', ['docker-container-non-root-user']],
  [
    'latest-image',
    [
      'docker-container-image-not-latest',
      'docker-container-image-pinned-by-digest',
      'docker-container-image-platform',
    ],
  ],
  ['no-limits', ['docker-container-cpu-limit', 'docker-container-memory-limit-no-swap']],
  ['shell-healthcheck', ['docker-container-exec-form-healthcheck']],
  ['host-network', ['docker-container-no-host-namespaces']],
  [
    'published-database',
    ['docker-container-datastore-publishes-nothing', 'docker-container-publishes-only-auth-port'],
  ],
  [
    'missing-networkpolicy',
    [
      'kubernetes-networkpolicy-datastores-only-from-service',
      'kubernetes-networkpolicy-selects-every-workload',
    ],
  ],
  ['debug-base-image', ['docker-image-dockerfile-distroless-base']],
];

describe('the gate on the corpus of bad programs', { timeout: 120_000 }, () => {
  it.each(['compliant-docker', 'compliant-k3s'])(
    'passes the corpus baseline %s with no mandatory violation',
    async (program) => {
      const result = await runGate({ program: `${CORPUS}/${program}.ts` });
      expect(mandatoryPolicies(result)).toEqual([]);
      expect(result.failed).toBe(false);
    },
  );

  it.each(badPrograms)('fails %s for exactly %j', async (program, expected) => {
    const result = await runGate({ program: `${CORPUS}/${program}.ts` });
    expect(mandatoryPolicies(result)).toEqual(expected);
    expect(result.failed).toBe(true);
  });

  it('reports the checks a preview cannot run because the image digest is computed', async () => {
    const result = await runGate({ program: `${CORPUS}/compliant-docker.ts` });
    const notRun = result.unknownAtPreview.map((f) => f.policyName);

    expect(notRun).toContain('docker-container-image-pinned-by-digest');
    expect(result.unknownAtPreview.every((f) => f.enforcementLevel === 'advisory')).toBe(true);
    expect(result.unknownAtPreview[0]?.message).toMatch(
      /^can't run policy '.+' from policy pack 'lucid-auth@v1\.0\.0' during preview: string value at \.image/,
    );
  });
});

describe('the gate on the repository stacks', { timeout: 120_000 }, () => {
  it('knows the dev, pi and k3s stacks', () => {
    expect(listStacks()).toEqual(['dev', 'k3s', 'pi']);
  });

  it.each(['dev', 'pi', 'k3s'])(
    'passes the %s stack with no mandatory violation',
    async (stack) => {
      const result = await runGate({ stack });
      const mandatory = result.findings.filter(
        (f) => f.enforcementLevel === 'mandatory' && f.kind !== 'unknown',
      );
      expect(mandatory).toEqual([]);
      expect(result.failed).toBe(false);
    },
  );

  it('holds the dev stack to arm64 when its pack config does not widen the platforms', async () => {
    const empty = path.join(mkdtempSync(path.join(tmpdir(), 'lucid-gate-')), 'empty.json');
    writeFileSync(empty, '{}');

    const result = await runGate({ stack: 'dev', configFile: empty });
    expect(mandatoryPolicies(result)).toEqual([
      'docker-container-image-platform',
      'docker-image-platform',
      'docker-remote-image-platform',
    ]);
  });
});

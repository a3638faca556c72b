import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { describe, expect, it } from 'vitest';

import { policies } from '../../policies/pack.js';

const ROOT = path.resolve(import.meta.dirname, '../../policies');
const FOLDERS = ['docker', 'kubernetes'];

const files = FOLDERS.flatMap((folder) =>
  readdirSync(path.join(ROOT, folder))
    .filter((file) => file.endsWith('.ts'))
    .map((file) => path.join(ROOT, folder, file)),
);

describe('the policy pack', () => {
  it('has at least 35 policies with unique names', () => {
    const names = policies.map((policy) => policy.name);
    expect(names.length).toBeGreaterThanOrEqual(35);
    expect(new Set(names).size).toBe(names.length);
  });

  it('keeps one policy per file, named as the file, and lists every file', async () => {
    const named = await Promise.all(
      files.map(async (file) => {
        const module = (await import(pathToFileURL(file).href)) as Record<string, { name: string }>;
        const exported = Object.values(module);
        expect(exported).toHaveLength(1);
        expect(exported[0]?.name).toBe(path.basename(file, '.ts'));
        return exported[0]?.name;
      }),
    );
    expect(new Set(named)).toEqual(new Set(policies.map((policy) => policy.name)));
  });

  it('names each policy by provider, resource and rule', () => {
    for (const { name } of policies) {
      expect(name).toMatch(/^(docker|kubernetes)(-[a-z0-9]+){2,}$/);
    }
  });

  it('gives every policy a description, a severity and a level', () => {
    for (const policy of policies) {
      expect(policy.description.length).toBeGreaterThan(20);
      expect(['low', 'medium', 'high', 'critical']).toContain(policy.severity);
      expect(['mandatory', 'advisory']).toContain(policy.enforcementLevel);
    }
  });

  it('makes only availability and housekeeping controls advisory', () => {
    const advisory = policies.filter((p) => p.enforcementLevel === 'advisory').map((p) => p.name);
    expect(advisory).toEqual([
      'docker-container-init-process',
      'kubernetes-workload-min-replicas',
      'kubernetes-workload-pod-anti-affinity',
      'kubernetes-workload-pod-disruption-budget',
    ]);
  });

  it('gives every config property a default, so no setting depends on the engine', () => {
    for (const policy of policies) {
      for (const [key, schema] of Object.entries(policy.configSchema?.properties ?? {})) {
        expect(schema.default, `${policy.name}.${key}`).toBeDefined();
        expect(schema.description ?? '', `${policy.name}.${key}`).not.toBe('');
      }
    }
  });

  it('documents every policy in the README table', () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    for (const { name, enforcementLevel } of policies) {
      expect(readme).toMatch(new RegExp(`\\| \`${name}\` +\\| ${enforcementLevel} +\\|`));
    }
  });
});

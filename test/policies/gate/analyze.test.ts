import type { Policies, StackValidationArgs } from '@pulumi/policy';
import { describe, expect, it } from 'vitest';

import { analyzeAll, analyzeResource, analyzeStack } from '../../../policies/gate/analyze.js';
import { settleConfig } from '../../../policies/gate/config.js';
import { resourcePolicy, stackPolicy } from '../../../policies/lib/define.js';
import { engineResource } from '../support/pack.js';

const UNKNOWN = '04da6b54-80e4-46f7-96ec-b56ff0331ba9';

const readsColour = resourcePolicy<{ colour?: string; size?: number }, { wanted: string }>({
  name: 'test-thing-colour',
  description: 'Things have the wanted colour.',
  enforcementLevel: 'mandatory',
  severity: 'low',
  types: ['test:index:Thing'],
  configSchema: {
    properties: { wanted: { type: 'string', default: 'blue' }, size: { type: 'integer' } },
  },
  validate: (thing, { config }, report) => {
    if (thing.colour !== config.wanted)
      report(`colour is ${thing.colour}; make it ${config.wanted}.`);
  },
});

const throws = resourcePolicy({
  name: 'test-thing-throws',
  description: 'Fails on purpose.',
  enforcementLevel: 'advisory',
  severity: 'low',
  types: ['test:index:Thing'],
  validate: () => {
    throw new Error('boom');
  },
});

const pack: Policies = [readsColour, throws];
const thing = (props: object, name = 'thing') =>
  engineResource({ type: 'test:index:Thing', props, name });

describe('settleConfig', () => {
  it('starts from the schema defaults and the policy level, then applies each layer', () => {
    const { config, errors } = settleConfig(pack, 'advisory', {
      'test-thing-colour': { wanted: 'red' },
    });
    expect(errors).toEqual([]);
    expect(config.get('test-thing-colour')).toEqual({
      enforcementLevel: 'mandatory',
      properties: { wanted: 'red' },
    });
  });

  it('lets all set every level and a policy entry override it', () => {
    const { config } = settleConfig(pack, 'advisory', {
      all: 'disabled',
      'test-thing-throws': { enforcementLevel: 'mandatory' },
    });
    expect(config.get('test-thing-colour')?.enforcementLevel).toBe('disabled');
    expect(config.get('test-thing-throws')?.enforcementLevel).toBe('mandatory');
  });

  it('names properties of the wrong type or not in the schema', () => {
    const { errors } = settleConfig(pack, 'advisory', {
      'test-thing-colour': { wanted: 3, size: 1.5, shade: 'x' },
    });
    expect(errors).toEqual([
      'test-thing-colour.wanted must be string, got number',
      'test-thing-colour.size must be integer, got number',
      'test-thing-colour: unknown config property shade',
    ]);
  });
});

describe('analyzeResource', () => {
  it('reports a violation at the configured level and a thrown error as mandatory', async () => {
    const { config } = settleConfig(pack, 'advisory');
    const findings = await analyzeResource(pack, config, thing({ colour: 'green' }));

    expect(
      findings.map(({ urn: _urn, ...f }) => ({ ...f, message: f.message.split('\n')[0] })),
    ).toEqual([
      {
        policyName: 'test-thing-colour',
        enforcementLevel: 'mandatory',
        severity: 'low',
        kind: 'violation',
        message: 'colour is green; make it blue.',
      },
      {
        policyName: 'test-thing-throws',
        enforcementLevel: 'mandatory',
        severity: 'low',
        kind: 'error',
        message: 'Error: boom',
      },
    ]);
  });

  it('turns a read of an unknown value into an advisory the SDK would print', async () => {
    const { config } = settleConfig(pack, 'advisory', { 'test-thing-throws': 'disabled' });
    const findings = await analyzeResource(pack, config, thing({ colour: UNKNOWN }));

    expect(findings).toEqual([
      expect.objectContaining({
        policyName: 'test-thing-colour',
        enforcementLevel: 'advisory',
        kind: 'unknown',
        message:
          "can't run policy 'test-thing-colour' from policy pack 'lucid-auth@v1.0.0' during " +
          "preview: string value at .colour can't be known during preview",
      }),
    ]);
  });

  it('skips resources of other types and disabled policies', async () => {
    const { config } = settleConfig(pack, 'advisory', { 'test-thing-throws': 'disabled' });
    const other = engineResource({ type: 'test:index:Other', props: { colour: 'green' } });
    expect(await analyzeResource(pack, config, other)).toEqual([]);
  });

  it('gives each check its own copy of the inputs', async () => {
    const mutates = resourcePolicy<{ colour?: string }>({
      name: 'test-thing-mutates',
      description: 'Changes what it checks.',
      enforcementLevel: 'mandatory',
      severity: 'low',
      types: ['test:index:Thing'],
      validate: (props) => {
        props.colour = 'changed';
      },
    });
    const resource = thing({ colour: 'blue' });
    const { config } = settleConfig([mutates], 'advisory');
    await analyzeResource([mutates], config, resource);
    expect(resource.inputs.colour).toBe('blue');
  });
});

describe('analyzeStack', () => {
  it('links dependencies and parents to the resources they name', async () => {
    let seen: StackValidationArgs | undefined;
    const spy = stackPolicy({
      name: 'test-stack-spy',
      description: 'Records its arguments.',
      enforcementLevel: 'advisory',
      severity: 'low',
      validate: ({ args }) => {
        seen = args;
      },
    });
    const parent = thing({}, 'parent');
    const child = { ...thing({}, 'child'), parent: parent.urn, dependencies: [parent.urn] };
    child.propertyDependencies = { colour: [parent.urn] };
    const { config } = settleConfig([spy], 'advisory');

    await analyzeStack([spy], config, [parent, child]);
    const [first, second] = seen?.resources ?? [];
    expect(second?.parent).toBe(first);
    expect(second?.dependencies).toEqual([first]);
    expect(second?.propertyDependencies.colour).toEqual([first]);
  });

  it('runs resource policies on each resource, then the stack policies', async () => {
    const { config } = settleConfig(pack, 'advisory', { 'test-thing-throws': 'disabled' });
    const findings = await analyzeAll(pack, config, [
      thing({ colour: 'red' }),
      thing({ colour: 'blue' }),
    ]);
    expect(findings.map((f) => f.message)).toEqual(['colour is red; make it blue.']);
  });
});

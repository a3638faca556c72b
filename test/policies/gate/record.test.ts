import { describe, expect, it } from 'vitest';

import { toEngineResource } from '../../../policies/gate/record.js';
import type { RecordedResource } from '../../../infra/testing/run-under-mocks.js';

const UNKNOWN = '04da6b54-80e4-46f7-96ec-b56ff0331ba9';

function recorded(inputs: Record<string, unknown>, unknownPaths: string[]): RecordedResource {
  return {
    urn: 'urn:pulumi:test::lucid-auth::test:index:Thing::thing',
    type: 'test:index:Thing',
    name: 'thing',
    custom: true,
    parent: 'urn:pulumi:test::lucid-auth::pulumi:pulumi:Stack::lucid-auth-test',
    inputs,
    outputs: { ...inputs, id: 'thing-id' },
    secretPaths: [],
    unknownPaths,
    options: {
      provider: undefined,
      dependsOn: ['urn:a'],
      protect: false,
      ignoreChanges: [],
      deleteBeforeReplace: false,
      retainOnDelete: false,
      replaceOnChanges: [],
      additionalSecretOutputs: [],
    },
  };
}

describe('toEngineResource', () => {
  it('puts the unknown sentinel back where the recorder saw an unknown value', () => {
    const resource = toEngineResource(
      recorded(
        {
          image: undefined,
          envs: ['A=1', undefined],
          metadata: { labels: { 'app.kubernetes.io/name': undefined } },
        },
        ['image', 'envs.1', 'metadata.labels.app.kubernetes.io/name'],
      ),
      'preview',
    );

    expect(resource.inputs).toEqual({
      image: UNKNOWN,
      envs: ['A=1', UNKNOWN],
      metadata: { labels: { 'app.kubernetes.io/name': UNKNOWN } },
    });
  });

  it('restores an unknown property the recorder dropped', () => {
    expect(toEngineResource(recorded({}, ['image']), 'preview').inputs).toEqual({
      image: UNKNOWN,
    });
  });

  it('gives stack policies the resolved outputs, or the inputs in a preview run', () => {
    expect(toEngineResource(recorded({ a: 1 }, []), 'resolved').outputs).toEqual({
      a: 1,
      id: 'thing-id',
    });
    expect(toEngineResource(recorded({ a: 1 }, []), 'preview').outputs).toBeUndefined();
  });

  it('keeps the parent and the dependencies the program declared', () => {
    const resource = toEngineResource(recorded({}, []), 'resolved');
    expect(resource.parent).toMatch(/Stack::lucid-auth-test$/);
    expect(resource.dependencies).toEqual(['urn:a']);
  });
});

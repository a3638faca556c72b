import * as pulumi from '@pulumi/pulumi';
import * as random from '@pulumi/random';
import { describe, expect, it } from 'vitest';

import { runUnderMocks } from '../../../infra/testing/run-under-mocks.js';

class Widget extends pulumi.ComponentResource {
  readonly secret: pulumi.Output<string>;

  constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
    super('lucid:test:Widget', name, {}, opts);
    const password = new random.RandomPassword(
      `${name}-password`,
      { length: 24 },
      { parent: this },
    );
    this.secret = password.result;
    this.registerOutputs({ secret: this.secret });
  }
}

describe('runUnderMocks', () => {
  it('records each resource with its type, parent, inputs and options', async () => {
    const run = await runUnderMocks(
      () => {
        const widget = new Widget('w', { protect: true });
        return { secret: widget.secret, plain: 'value' };
      },
      { stack: 'unit' },
    );

    const types = run.resources.map((r) => r.type);
    expect(types).toEqual([
      'pulumi:pulumi:Stack',
      'lucid:test:Widget',
      'random:index/randomPassword:RandomPassword',
    ]);

    const [stack, widget, password] = run.resources;
    expect(stack?.parent).toBeUndefined();
    expect(widget?.parent).toBe(stack?.urn);
    expect(widget?.options.protect).toBe(true);
    expect(widget?.custom).toBe(false);
    expect(password?.parent).toBe(widget?.urn);
    expect(password?.inputs).toMatchObject({ length: 24 });
    expect(password?.urn).toBe(
      'urn:pulumi:unit::lucid-auth::' +
        'lucid:test:Widget$random:index/randomPassword:RandomPassword::w-password',
    );
  });

  it('returns stack outputs as plain values and names the secret ones', async () => {
    const run = await runUnderMocks(() => {
      const widget = new Widget('w');
      return { secret: widget.secret, plain: 'value' };
    });

    expect(run.outputs['plain']).toBe('value');
    expect(run.outputs['secret']).toMatch(/^[0-9a-f]{24}$/);
    expect(run.secretOutputs).toEqual(['secret']);
  });

  it('loads a program file like the Pulumi runtime, with the given stack and config', async () => {
    const file = new URL('../fixtures/module-program.ts', import.meta.url).pathname;

    const first = await runUnderMocks({ file }, { stack: 'one', config: { length: '12' } });
    const second = await runUnderMocks({ file }, { stack: 'two' });

    expect(first.outputs['greeting']).toBe('hello one');
    expect(first.outputs['secretValue']).toHaveLength(12);
    expect(first.secretOutputs).toEqual(['secretValue']);
    expect(second.outputs['greeting']).toBe('hello two');
    expect(second.outputs['secretValue']).toHaveLength(20);
    expect(second.resources.map((r) => r.name)).toEqual(['lucid-auth-two', 'fixture-password']);
  });

  it('marks inputs that came from secrets by their path', async () => {
    const run = await runUnderMocks(
      () => {
        const config = new pulumi.Config();
        new random.RandomPassword('p', { length: 16, keepers: { k: config.requireSecret('k') } });
        return {};
      },
      { config: { k: 'shh' }, secretKeys: ['k'] },
    );

    const password = run.resources.find((r) => r.name === 'p');
    expect(password?.inputs['keepers']).toEqual({ k: 'shh' });
    expect(password?.secretPaths).toEqual(['keepers.k']);
  });

  it('records inputs that are unknown in a preview, by path', async () => {
    const run = await runUnderMocks(
      () => {
        const first = new random.RandomPassword('first', { length: 16 });
        new random.RandomPassword('second', { length: 16, keepers: { from: first.result } });
        return {};
      },
      { preview: true, mockState: (args) => ({ ...args.inputs }) as Record<string, unknown> },
    );

    const second = run.resources.find((r) => r.name === 'second');
    expect(second?.unknownPaths).toEqual(['keepers.from']);
    expect(second?.inputs['keepers']).toEqual({ from: undefined });
  });
});

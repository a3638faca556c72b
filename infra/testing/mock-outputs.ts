import { createHash } from 'node:crypto';

import type * as pulumi from '@pulumi/pulumi';

/** Deterministic hex of a given length, so repeated runs declare identical values. */
export function fakeHex(seed: string, length = 64): string {
  let out = '';
  for (let i = 0; out.length < length; i++) {
    out += createHash('sha256').update(`${seed}#${i}`).digest('hex');
  }
  return out.slice(0, length);
}

/**
 * Outputs the engine would compute for the resource types our programs use: generated
 * passwords, image digests and names. Everything else echoes its inputs.
 */
export function defaultMockState(args: pulumi.runtime.MockResourceArgs): Record<string, unknown> {
  const inputs = (args.inputs ?? {}) as Record<string, unknown>;

  switch (args.type) {
    case 'random:index/randomPassword:RandomPassword': {
      const length = typeof inputs['length'] === 'number' ? inputs['length'] : 16;
      return { ...inputs, result: fakeHex(`password:${args.name}`, length) };
    }
    case 'docker:index/image:Image': {
      const imageName = stringInput(inputs['imageName'], args.name);
      const repository = imageName.replace(/:[^/:]+$/, '');
      const digest = `sha256:${fakeHex(`image:${imageName}`)}`;
      return {
        ...inputs,
        baseImageName: imageName,
        repoDigest: inputs['skipPush'] === true ? digest : `${repository}@${digest}`,
      };
    }
    case 'docker:index/remoteImage:RemoteImage': {
      const name = stringInput(inputs['name'], args.name);
      const digest = `sha256:${fakeHex(`image:${name}`)}`;
      return {
        ...inputs,
        imageId: digest,
        repoDigest: name.includes('@') ? name : `${name}@${digest}`,
      };
    }
    default:
      return inputs;
  }
}

function stringInput(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : fallback;
}

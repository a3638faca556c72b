import * as pulumi from '@pulumi/pulumi';
import * as random from '@pulumi/random';

import type { SecretName, SecretValues } from '../model/app-model.js';

/**
 * Lengths of the generated secrets. Letters and digits only, so they need no escaping in
 * URIs or redis.conf; 48 characters of that alphabet carry about 285 bits, and the key
 * encryption secret is well over the service's 32-byte minimum.
 */
export const SECRET_LENGTHS: Readonly<Record<SecretName, number>> = {
  mongodbRootPassword: 40,
  mongodbAppPassword: 40,
  redisPassword: 40,
  keyEncryptionSecret: 64,
};

/** Generates the stack's passwords and key-encryption secret, kept as Pulumi secrets. */
export class GeneratedSecrets extends pulumi.ComponentResource {
  /** All values together, secret, for rendering files inside `apply`. */
  readonly values: pulumi.Output<SecretValues>;

  constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
    super('lucid:secrets:GeneratedSecrets', name, {}, opts);

    const generate = (key: SecretName): pulumi.Output<string> =>
      new random.RandomPassword(
        `${name}-${kebab(key)}`,
        { length: SECRET_LENGTHS[key], special: false, minLower: 4, minUpper: 4, minNumeric: 4 },
        { parent: this },
      ).result;

    this.values = pulumi.secret(
      pulumi.output({
        mongodbRootPassword: generate('mongodbRootPassword'),
        mongodbAppPassword: generate('mongodbAppPassword'),
        redisPassword: generate('redisPassword'),
        keyEncryptionSecret: generate('keyEncryptionSecret'),
      }),
    );
    this.registerOutputs({ values: this.values });
  }
}

function kebab(camel: string): string {
  return camel.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

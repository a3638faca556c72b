import * as pulumi from '@pulumi/pulumi';

// Markers of Pulumi's property serialization (pulumi/sdk nodejs runtime/rpc.ts).
const SIG_KEY = pulumi.runtime.specialSigKey;
const SECRET_SIG = pulumi.runtime.specialSecretSig;
const RESOURCE_SIG = pulumi.runtime.specialResourceSig;
const UNKNOWN = pulumi.runtime.unknownValue;

/** A serialized property tree turned plain, with where its secrets and unknowns were. */
export interface PlainValue {
  readonly value: unknown;
  /** Dotted paths (`envs.0`, `uploads.1.content`) of values that were secret. */
  readonly secretPaths: readonly string[];
  /** Dotted paths of values not known yet (as in a preview). */
  readonly unknownPaths: readonly string[];
}

/**
 * Unwraps a serialized property tree: secrets become their values (their paths are listed),
 * unknowns become `undefined` (listed too), resource references become their URN.
 */
export function plainFromSerialized(serialized: unknown): PlainValue {
  const secretPaths: string[] = [];
  const unknownPaths: string[] = [];

  const walk = (node: unknown, path: string): unknown => {
    if (node === UNKNOWN) {
      unknownPaths.push(path);
      return undefined;
    }
    if (Array.isArray(node)) return node.map((item, i) => walk(item, join(path, i)));
    if (node === null || typeof node !== 'object') return node;

    const record = node as Record<string, unknown>;
    if (record[SIG_KEY] === SECRET_SIG) {
      secretPaths.push(path);
      return walk(record['value'], path);
    }
    if (record[SIG_KEY] === RESOURCE_SIG) return record['urn'];
    return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, walk(v, join(path, k))]));
  };

  return { value: walk(serialized, ''), secretPaths, unknownPaths };
}

/** Resolves outputs, promises and nested values to plain data, recording secret paths. */
export async function plainFromOutputs(value: unknown): Promise<PlainValue> {
  const secretPaths: string[] = [];
  const unknownPaths: string[] = [];

  const walk = async (node: unknown, path: string): Promise<unknown> => {
    if (node instanceof Promise) return walk(await node, path);
    if (pulumi.Output.isInstance(node)) {
      const output = node as unknown as OutputInternals;
      if (await pulumi.isSecret(node)) secretPaths.push(path);
      if (!(await output.isKnown)) {
        unknownPaths.push(path);
        return undefined;
      }
      return walk(await output.promise(), path);
    }
    if (pulumi.Resource.isInstance(node)) return walk(node.urn, path);
    if (Array.isArray(node)) {
      return Promise.all(node.map((item: unknown, i) => walk(item, join(path, i))));
    }
    if (node === null || typeof node !== 'object') return node;

    const entries = await Promise.all(
      Object.entries(node).map(async ([k, v]) => [k, await walk(v, join(path, k))] as const),
    );
    return Object.fromEntries(entries);
  };

  return { value: await walk(value, ''), secretPaths, unknownPaths };
}

// Public since the SDK's first releases, though not in its type declarations.
interface OutputInternals {
  readonly isKnown: Promise<boolean>;
  promise(): Promise<unknown>;
}

function join(path: string, key: string | number): string {
  return path === '' ? String(key) : `${path}.${key}`;
}

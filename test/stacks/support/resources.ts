import type { MockRunResult, RecordedResource } from '../../../infra/testing/run-under-mocks.js';

/** Every recorded resource of one type token. */
export function ofType(run: MockRunResult, type: string): RecordedResource[] {
  return run.resources.filter((r) => r.type === type);
}

/** The one resource with this type and name; fails the test when absent. */
export function resource(run: MockRunResult, type: string, name: string): RecordedResource {
  const found = run.resources.find((r) => r.type === type && r.name === name);
  if (!found) {
    const names = ofType(run, type).map((r) => r.name);
    throw new Error(`No ${type} named ${name}; there are: ${names.join(', ') || 'none'}`);
  }
  return found;
}

/** The resource whose URN is given (a parent, say). */
export function byUrn(run: MockRunResult, urn: string | undefined): RecordedResource | undefined {
  return run.resources.find((r) => r.urn === urn);
}

/** Reads a nested input by dotted path, e.g. `spec.template.spec.containers.0`. */
export function at(value: unknown, path: string): unknown {
  let node: unknown = value;
  for (const key of path.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** True when the input at a dotted path is secret, itself or through a secret ancestor. */
export function isSecretAt(resource: RecordedResource, path: string): boolean {
  return resource.secretPaths.some((p) => p === '' || path === p || path.startsWith(`${p}.`));
}

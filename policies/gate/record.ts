import * as pulumi from '@pulumi/pulumi';

import { runStackUnderMocks } from '../../infra/testing/run-stack.js';
import { runUnderMocks, type RecordedResource } from '../../infra/testing/run-under-mocks.js';
import { readStackSettings } from '../../infra/testing/stack-files.js';
import type { EngineResource } from './analyze.js';

/**
 * Puts the engine's unknown sentinel back where the recorder saw an unknown value, so the
 * SDK's proxy throws on reading it exactly as during `pulumi preview`. Paths are dotted, and
 * keys may hold dots themselves (Kubernetes labels), so each step takes the longest key that
 * matches.
 */
function markUnknown(root: Record<string, unknown>, path: string): void {
  let node: unknown = root;
  let rest = path;
  for (;;) {
    if (node === null || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    const key = Object.keys(record)
      .filter((k) => rest === k || rest.startsWith(`${k}.`))
      .sort((a, b) => b.length - a.length)[0];
    if (key === undefined) {
      // The recorder drops an unknown object property entirely; put it back as unknown.
      if (!rest.includes('.')) record[rest] = pulumi.runtime.unknownValue;
      return;
    }
    if (key === rest) {
      record[key] = pulumi.runtime.unknownValue;
      return;
    }
    node = record[key];
    rest = rest.slice(key.length + 1);
  }
}

/**
 * Turns a recorded registration into the resource the engine would hand the pack. Stack
 * policies see outputs: the mocks' resolved ones, or in a preview run the inputs themselves
 * (what the mocks echo), where the unknown markers survive.
 */
export function toEngineResource(recorded: RecordedResource, mode: RecordMode): EngineResource {
  const inputs = structuredClone(recorded.inputs);
  for (const path of recorded.unknownPaths) markUnknown(inputs, path);
  return {
    urn: recorded.urn,
    type: recorded.type,
    name: recorded.name,
    inputs,
    ...(mode === 'resolved' ? { outputs: structuredClone(recorded.outputs) } : {}),
    ...(recorded.parent === undefined ? {} : { parent: recorded.parent }),
    dependencies: [...recorded.options.dependsOn],
  };
}

/**
 * How a run treats outputs providers compute. `resolved` gives them the values the mocks
 * compute (digests, generated passwords), as `pulumi up` would see them; `preview` leaves
 * them unknown, as `pulumi preview` does, so the checks that read them cannot run.
 */
export type RecordMode = 'resolved' | 'preview';

// Echoing the inputs leaves every computed output unknown in a preview run.
const previewState = (args: pulumi.runtime.MockResourceArgs) =>
  ({ ...args.inputs }) as Record<string, unknown>;

function modeOptions(mode: RecordMode) {
  return { preview: true, ...(mode === 'preview' ? { mockState: previewState } : {}) };
}

/** Runs one of the repository's stacks under mocks and records its resources. */
export async function recordStack(stack: string, mode: RecordMode): Promise<EngineResource[]> {
  const run = await runStackUnderMocks(stack, modeOptions(mode));
  return run.resources.map((resource) => toEngineResource(resource, mode));
}

/**
 * Runs any program file under mocks; with a stack, under that stack's config (its encrypted
 * values replaced by stand-ins, as for the stack itself).
 */
export async function recordProgram(
  file: string,
  mode: RecordMode,
  stack?: string,
): Promise<EngineResource[]> {
  const settings = stack === undefined ? undefined : readStackSettings(stack);
  const secrets = Object.fromEntries(
    (settings?.encryptedKeys ?? []).map((key) => [key, `mock-secret-for-${key}`]),
  );
  const run = await runUnderMocks(
    { file },
    {
      ...(settings === undefined ? {} : { project: settings.project, stack }),
      config: { ...settings?.config, ...secrets },
      secretKeys: Object.keys(secrets),
      ...modeOptions(mode),
    },
  );
  return run.resources.map((resource) => toEngineResource(resource, mode));
}

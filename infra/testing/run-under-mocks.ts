import path from 'node:path';
import { pathToFileURL } from 'node:url';

import * as pulumi from '@pulumi/pulumi';

import { defaultMockState } from './mock-outputs.js';
import { plainFromOutputs, plainFromSerialized } from './recorded-values.js';

/** One resource the program declared, as the engine would have received it. */
export interface RecordedResource {
  readonly urn: string;
  /** Type token, e.g. `docker:index/container:Container` or `lucid:docker:AuthService`. */
  readonly type: string;
  readonly name: string;
  /** True for provider-managed resources, false for components and the stack. */
  readonly custom: boolean;
  /** URN of the parent, or undefined for the stack itself. */
  readonly parent: string | undefined;
  /** Inputs with secrets unwrapped (see `secretPaths`) and resource references as URNs. */
  readonly inputs: Record<string, unknown>;
  readonly secretPaths: readonly string[];
  readonly unknownPaths: readonly string[];
  /** The outputs the mocks gave the resource (secrets unwrapped). */
  readonly outputs: Record<string, unknown>;
  readonly options: {
    readonly provider: string | undefined;
    readonly dependsOn: readonly string[];
    readonly protect: boolean;
    readonly ignoreChanges: readonly string[];
    readonly deleteBeforeReplace: boolean;
    readonly retainOnDelete: boolean;
    readonly replaceOnChanges: readonly string[];
    readonly additionalSecretOutputs: readonly string[];
  };
}

/** A program: a function (its return value is the stack outputs) or a module file. */
export type PulumiProgram = (() => unknown) | { readonly file: string };

/** How to run a program under mocks. */
export interface RunUnderMocksOptions {
  readonly project?: string;
  readonly stack?: string;
  /** Config values; a bare key gets the project's namespace (`target` → `lucid-auth:target`). */
  readonly config?: Readonly<Record<string, string>>;
  /** Keys of `config` that are secrets (same spelling as in `config`). */
  readonly secretKeys?: readonly string[];
  /** Run as a preview (outputs the mocks leave out stay unknown). */
  readonly preview?: boolean;
  /** Outputs for a new resource; defaults to `defaultMockState`. */
  readonly mockState?: (args: pulumi.runtime.MockResourceArgs) => Record<string, unknown>;
  /** Results of provider function calls; defaults to echoing the arguments. */
  readonly mockCall?: (args: pulumi.runtime.MockCallArgs) => Record<string, unknown>;
}

/** Everything a run declared, and its stack outputs as plain data. */
export interface MockRunResult {
  readonly resources: readonly RecordedResource[];
  readonly outputs: Record<string, unknown>;
  /** Dotted paths of stack outputs that are secret. */
  readonly secretOutputs: readonly string[];
}

// Pulumi's runtime state is process-wide, so runs take turns.
let queue: Promise<unknown> = Promise.resolve();

/**
 * Runs a Pulumi program under `pulumi.runtime.setMocks` and records every resource it
 * registers (type, name, parent, options, inputs) and its stack outputs. A module file is
 * loaded the way the Pulumi Node.js runtime loads `main`: a default export replaces the
 * named exports, and a function export is called. Each run imports the file afresh.
 */
export function runUnderMocks(
  program: PulumiProgram,
  options: RunUnderMocksOptions = {},
): Promise<MockRunResult> {
  const run = queue.then(() => runOnce(program, options));
  queue = run.catch(() => undefined);
  return run;
}

let runCount = 0;

async function runOnce(
  program: PulumiProgram,
  options: RunUnderMocksOptions,
): Promise<MockRunResult> {
  const project = options.project ?? 'lucid-auth';
  const stack = options.stack ?? 'test';
  const mockState = options.mockState ?? defaultMockState;
  const mockCall = options.mockCall ?? ((args) => args.inputs as Record<string, unknown>);

  const qualify = (key: string): string => (key.includes(':') ? key : `${project}:${key}`);
  const config = Object.fromEntries(
    Object.entries(options.config ?? {}).map(([k, v]) => [qualify(k), v]),
  );
  pulumi.runtime.setAllConfig(config, (options.secretKeys ?? []).map(qualify));

  await pulumi.runtime.setMocks(
    {
      newResource: (args) => ({ id: `${args.name}-id`, state: mockState(args) }),
      call: (args) => mockCall(args),
    },
    project,
    stack,
    options.preview ?? false,
  );
  const resources = recordRegistrations();

  // The stack flattens outputs to plain values (dropping secretness), so keep the originals.
  let programOutputs: Record<string, unknown> = {};
  await pulumi.runtime.runInPulumiStack(async () => {
    programOutputs = await invoke(program);
    return programOutputs;
  });
  await (pulumi.runtime as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();

  const plain = await plainFromOutputs(programOutputs);
  return {
    resources,
    outputs: plain.value as Record<string, unknown>,
    secretOutputs: plain.secretPaths,
  };
}

async function invoke(program: PulumiProgram): Promise<Record<string, unknown>> {
  if (typeof program === 'function') {
    return ((await program()) ?? {}) as Record<string, unknown>;
  }

  const file = path.resolve(program.file);
  const url = `${pathToFileURL(file).href}?mock-run=${++runCount}`;
  let exported = (await import(url)) as Record<string, unknown>;
  if (Object.getOwnPropertyDescriptor(exported, 'default') !== undefined) {
    if (Object.keys(exported).length !== 1) {
      throw new Error(`${file} has both a default export and named exports`);
    }
    exported = { default: exported['default'] };
    const main = exported['default'];
    const result: unknown = typeof main === 'function' ? await (main as () => unknown)() : main;
    return (result ?? {}) as Record<string, unknown>;
  }
  return { ...exported };
}

interface RegisterRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
  getCustom(): boolean;
  getProvider(): string;
  getDependenciesList(): string[];
  getProtect(): boolean;
  getIgnorechangesList(): string[];
  getDeletebeforereplace(): boolean;
  getRetainondelete(): boolean;
  getReplaceonchangesList(): string[];
  getAdditionalsecretoutputsList(): string[];
  getObject(): { toJavaScript(): unknown } | undefined;
}

interface RegisterResponse {
  getUrn(): string;
  getObject(): { toJavaScript(): unknown } | undefined;
  setObject(value: unknown): void;
}

interface PatchableMonitor {
  registerResource(
    req: RegisterRequest,
    callback: (err: unknown, res?: RegisterResponse) => void,
  ): Promise<void>;
}

function recordRegistrations(): RecordedResource[] {
  const recorded: RecordedResource[] = [];
  const monitor = pulumi.runtime.getMonitor() as unknown as PatchableMonitor;
  const original = monitor.registerResource.bind(monitor);

  monitor.registerResource = (req, callback) =>
    original(req, (err, res) => {
      if (!err && res) {
        const outputs = plainFromSerialized(res.getObject()?.toJavaScript() ?? {}).value;
        recorded.push(toRecord(req, res.getUrn(), outputs as Record<string, unknown>));
        markSecretOutputs(res, req.getAdditionalsecretoutputsList());
      }
      callback(err, res);
    });
  return recorded;
}

/**
 * The engine turns `additionalSecretOutputs` (RandomPassword's `result`, for one) into
 * secrets; the mock monitor does not, so this does it here, keeping secrets secret.
 */
function markSecretOutputs(res: RegisterResponse, names: readonly string[]): void {
  const struct = res.getObject();
  if (names.length === 0 || struct === undefined) return;

  // The response's own Struct class, so no second copy of google-protobuf is needed.
  const StructClass = struct.constructor as unknown as { fromJavaScript(v: unknown): unknown };
  const state = struct.toJavaScript() as Record<string, unknown>;
  for (const name of names) {
    if (!(name in state)) continue;
    state[name] = {
      [pulumi.runtime.specialSigKey]: pulumi.runtime.specialSecretSig,
      value: state[name],
    };
  }
  res.setObject(StructClass.fromJavaScript(state));
}

function toRecord(
  req: RegisterRequest,
  urn: string,
  outputs: Record<string, unknown>,
): RecordedResource {
  const plain = plainFromSerialized(req.getObject()?.toJavaScript() ?? {});
  return {
    urn,
    type: req.getType(),
    name: req.getName(),
    custom: req.getCustom(),
    parent: req.getParent() || undefined,
    inputs: plain.value as Record<string, unknown>,
    secretPaths: plain.secretPaths,
    unknownPaths: plain.unknownPaths,
    outputs,
    options: {
      provider: req.getProvider() || undefined,
      dependsOn: req.getDependenciesList(),
      protect: Boolean(req.getProtect()),
      ignoreChanges: req.getIgnorechangesList(),
      deleteBeforeReplace: req.getDeletebeforereplace(),
      retainOnDelete: Boolean(req.getRetainondelete()),
      replaceOnChanges: req.getReplaceonchangesList(),
      additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
    },
  };
}

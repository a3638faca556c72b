import * as policySdk from '@pulumi/policy';
import type {
  EnforcementLevel,
  Policies,
  PolicyResource,
  PolicyResourceOptions,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  Severity,
  StackValidationArgs,
  StackValidationPolicy,
} from '@pulumi/policy';

import { PACK_NAME, PACK_VERSION } from '../identity.js';
import type { PackConfig, SettledConfig } from './config.js';

// The SDK exports these at runtime but its typings drop them (they are marked internal).
const sdk = policySdk as unknown as {
  unknownCheckingProxy: <T extends object>(value: T) => T;
  UnknownValueError: new (...args: never[]) => Error;
};

/** A resource as the engine hands it to a policy pack. */
export interface EngineResource {
  urn: string;
  type: string;
  name: string;
  /** Checked inputs, as `analyze` receives them; unknowns are the engine's sentinel strings. */
  inputs: Record<string, unknown>;
  /** Outputs, as `analyzeStack` receives them; the inputs when absent. */
  outputs?: Record<string, unknown>;
  parent?: string;
  dependencies?: string[];
  propertyDependencies?: Record<string, string[]>;
}

/** What running one policy over one resource (or the stack) produced. */
export interface Finding {
  policyName: string;
  enforcementLevel: EnforcementLevel;
  severity?: Severity;
  /** The resource concerned; absent for a stack finding that names none. */
  urn?: string;
  /** A violation, a check that read a value unknown until `up`, or a policy that threw. */
  kind: 'violation' | 'unknown' | 'error';
  message: string;
}

class NotApplicable extends Error {}

const OPTIONS: PolicyResourceOptions = {
  protect: false,
  ignoreChanges: [],
  aliases: [],
  customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
  additionalSecretOutputs: [],
};

function typeOf(resourceClass: unknown): string | undefined {
  return (resourceClass as { __pulumiType?: string }).__pulumiType;
}

function typeHelpers(type: string, props: Record<string, unknown>) {
  return {
    isType: (resourceClass: unknown) => typeOf(resourceClass) === type,
    asType: (resourceClass: unknown) => (typeOf(resourceClass) === type ? props : undefined),
  };
}

function notApplicable(reason?: string): never {
  throw new NotApplicable(reason);
}

/** The arguments the SDK's server builds for validateResource (server.ts, makeAnalyzeRpcFun). */
export function resourceArgs(
  resource: EngineResource,
  settled: SettledConfig,
): ResourceValidationArgs {
  const props = sdk.unknownCheckingProxy(structuredClone(resource.inputs));
  return {
    type: resource.type,
    props,
    urn: resource.urn,
    name: resource.name,
    opts: { ...OPTIONS, ...(resource.parent ? { parent: resource.parent } : {}) },
    stackTags: new Map(),
    ...typeHelpers(resource.type, props),
    getConfig: <T extends object>() => structuredClone(settled.properties) as T,
    notApplicable,
  } as ResourceValidationArgs;
}

/** The arguments the SDK's server builds for validateStack (makeAnalyzeStackRpcFun). */
export function stackArgs(
  resources: EngineResource[],
  settled: SettledConfig,
): StackValidationArgs {
  const byUrn = new Map<string, PolicyResource>();
  const policyResources = resources.map((resource) => {
    const props = sdk.unknownCheckingProxy(structuredClone(resource.outputs ?? resource.inputs));
    const policyResource = {
      type: resource.type,
      props,
      urn: resource.urn,
      name: resource.name,
      opts: { ...OPTIONS },
      dependencies: [],
      propertyDependencies: {},
      ...typeHelpers(resource.type, props),
    } as unknown as PolicyResource;
    byUrn.set(resource.urn, policyResource);
    return policyResource;
  });

  const lookup = (urns: string[] = []) =>
    urns.flatMap((urn) => (byUrn.has(urn) ? [byUrn.get(urn) as PolicyResource] : []));
  resources.forEach((resource, index) => {
    const target = policyResources[index] as PolicyResource;
    if (resource.parent !== undefined) target.parent = byUrn.get(resource.parent);
    target.dependencies = lookup(resource.dependencies);
    for (const [key, urns] of Object.entries(resource.propertyDependencies ?? {})) {
      target.propertyDependencies[key] = lookup(urns);
    }
  });

  return {
    resources: policyResources,
    stackTags: new Map(),
    getConfig: <T extends object>() => structuredClone(settled.properties) as T,
    notApplicable,
  };
}

async function runOne(
  policy: ResourceValidationPolicy | StackValidationPolicy,
  settled: SettledConfig,
  urn: string | undefined,
  call: (report: (message: string, violationUrn?: string) => void) => unknown,
): Promise<Finding[]> {
  const level: EnforcementLevel =
    settled.enforcementLevel === 'remediate' ? 'mandatory' : settled.enforcementLevel;
  const base = { policyName: policy.name, severity: policy.severity };
  const findings: Finding[] = [];
  try {
    await call((message, violationUrn) =>
      findings.push({
        ...base,
        enforcementLevel: level,
        urn: violationUrn ?? urn,
        kind: 'violation',
        message,
      }),
    );
  } catch (error) {
    if (error instanceof NotApplicable) return findings;

    // The SDK downgrades a check that read an unknown value to an advisory note.
    if (error instanceof sdk.UnknownValueError) {
      const pack = `'${PACK_NAME}@v${PACK_VERSION}'`;
      const message =
        `can't run policy '${policy.name}' from policy pack ${pack} during preview: ` +
        error.message;
      findings.push({ ...base, enforcementLevel: 'advisory', urn, kind: 'unknown', message });
    } else {
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      findings.push({ ...base, enforcementLevel: 'mandatory', urn, kind: 'error', message });
    }
  }
  return findings;
}

function settledFor(config: PackConfig, name: string): SettledConfig | undefined {
  const settled = config.get(name);
  return settled?.enforcementLevel === 'disabled' ? undefined : settled;
}

/** Runs every resource policy of the pack over one resource, as `analyze` does. */
export async function analyzeResource(
  policies: Policies,
  config: PackConfig,
  resource: EngineResource,
): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const policy of policies) {
    const settled = settledFor(config, policy.name);
    if (settled === undefined || !('validateResource' in policy)) continue;
    const validations = [policy.validateResource ?? []].flat();
    for (const validate of validations) {
      findings.push(
        ...(await runOne(policy, settled, resource.urn, (report) =>
          validate(resourceArgs(resource, settled), report),
        )),
      );
    }
  }
  return findings;
}

/** Runs every stack policy of the pack over all resources, as `analyzeStack` does. */
export async function analyzeStack(
  policies: Policies,
  config: PackConfig,
  resources: EngineResource[],
): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const policy of policies) {
    const settled = settledFor(config, policy.name);
    if (settled === undefined || !('validateStack' in policy)) continue;
    findings.push(
      ...(await runOne(policy, settled, undefined, (report) =>
        policy.validateStack(stackArgs(resources, settled), report),
      )),
    );
  }
  return findings;
}

/** Runs the whole pack: every resource policy on every resource, then the stack policies. */
export async function analyzeAll(
  policies: Policies,
  config: PackConfig,
  resources: EngineResource[],
): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const resource of resources) {
    findings.push(...(await analyzeResource(policies, config, resource)));
  }
  findings.push(...(await analyzeStack(policies, config, resources)));
  return findings;
}

import type { PolicyPackConfig } from '@pulumi/policy';

import {
  analyzeResource,
  analyzeStack,
  type EngineResource,
  type Finding,
} from '../../../policies/gate/analyze.js';
import { settleConfig } from '../../../policies/gate/config.js';
import { policies } from '../../../policies/pack.js';

/** A violation as a test states it: which policy, and exactly what it said. */
export interface Violation {
  policy: string;
  message: string;
}

/** A resource for the harness: type, inputs and optionally name and dependencies. */
export interface TestResource {
  type: string;
  props: object;
  name?: string;
  dependencies?: string[];
}

let counter = 0;

/** Turns a test resource into what the engine hands the pack, with a URN. */
export function engineResource(resource: TestResource): EngineResource {
  const name = resource.name ?? `resource-${++counter}`;
  return {
    urn: `urn:pulumi:test::lucid-auth::${resource.type}::${name}`,
    type: resource.type,
    name,
    inputs: structuredClone(resource.props) as Record<string, unknown>,
    dependencies: resource.dependencies ?? [],
  };
}

function settle(config: PolicyPackConfig | undefined) {
  const { config: settled, errors } = settleConfig(policies, 'advisory', config);
  if (errors.length > 0) throw new Error(`bad test config: ${errors.join('; ')}`);
  return settled;
}

function asViolations(findings: Finding[]): Violation[] {
  return findings
    .filter((finding) => finding.kind === 'violation')
    .map(({ policyName, message }) => ({ policy: policyName, message }));
}

/** Every finding of every resource policy of the pack on one resource. */
export async function resourceFindings(
  resource: TestResource,
  config?: PolicyPackConfig,
): Promise<Finding[]> {
  return analyzeResource(policies, settle(config), engineResource(resource));
}

/** The violations every resource policy of the pack reports on one resource. */
export async function resourceViolations(
  resource: TestResource,
  config?: PolicyPackConfig,
): Promise<Violation[]> {
  return asViolations(await resourceFindings(resource, config));
}

/** The violations the stack policies report on a set of resources. */
export async function stackViolations(
  resources: EngineResource[],
  config?: PolicyPackConfig,
): Promise<Violation[]> {
  return asViolations(await analyzeStack(policies, settle(config), resources));
}

/** Orders violations by policy, then message, so a test states them in any order. */
export function sorted(violations: readonly Violation[]): Violation[] {
  return [...violations].sort(
    (a, b) => a.policy.localeCompare(b.policy) || a.message.localeCompare(b.message),
  );
}

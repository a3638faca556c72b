import type { EnforcementLevel, Policies, PolicyPackConfig } from '@pulumi/policy';
import type { PolicyConfigJSONSchema } from '@pulumi/policy/schema.js';

/** One policy's settled config: its enforcement level and its properties. */
export interface SettledConfig {
  enforcementLevel: EnforcementLevel;
  properties: Record<string, unknown>;
}

/** Settled config for every policy of the pack, by policy name. */
export type PackConfig = Map<string, SettledConfig>;

type Entry = PolicyPackConfig[string];

function split(entry: Entry | undefined): {
  level?: EnforcementLevel;
  properties: Record<string, unknown>;
} {
  if (entry === undefined) return { properties: {} };
  if (typeof entry === 'string') return { level: entry, properties: {} };
  const { enforcementLevel, ...properties } = entry;
  return { level: enforcementLevel, properties };
}

function typeErrors(schema: PolicyConfigJSONSchema, value: unknown, at: string): string[] {
  const expected = schema.type;
  if (expected === undefined || Array.isArray(expected)) return [];
  const actual = Array.isArray(value)
    ? 'array'
    : value === null
      ? 'null'
      : Number.isInteger(value) && expected === 'integer'
        ? 'integer'
        : typeof value;
  if (actual !== expected) return [`${at} must be ${expected}, got ${actual}`];
  if (Array.isArray(value) && typeof schema.items === 'object' && !Array.isArray(schema.items)) {
    const items = schema.items;
    return value.flatMap((item, index) => typeErrors(items, item, `${at}[${index}]`));
  }
  return [];
}

/**
 * Settles config the way the engine does (pkg/resource/analyzer ReconcilePolicyPackConfig):
 * the policy's own level and its schema defaults first, then the pack's initial config, then
 * the config the user gave (where `all` sets every level). Property types are checked against
 * each schema; the engine runs a full JSON Schema validation, this covers the types the pack
 * uses.
 */
export function settleConfig(
  policies: Policies,
  packLevel: EnforcementLevel,
  ...layers: (PolicyPackConfig | undefined)[]
): { config: PackConfig; errors: string[] } {
  const config: PackConfig = new Map();
  const errors: string[] = [];
  for (const policy of policies) {
    const properties: Record<string, unknown> = {};
    for (const [key, schema] of Object.entries(policy.configSchema?.properties ?? {})) {
      if (schema.default !== undefined) properties[key] = structuredClone(schema.default);
    }
    let enforcementLevel = policy.enforcementLevel ?? packLevel;
    for (const layer of layers) {
      const all = split(layer?.all);
      const own = split(layer?.[policy.name]);
      enforcementLevel = own.level ?? all.level ?? enforcementLevel;
      Object.assign(properties, own.properties);
    }
    for (const [key, value] of Object.entries(properties)) {
      const schema = policy.configSchema?.properties[key];
      if (schema === undefined) errors.push(`${policy.name}: unknown config property ${key}`);
      else errors.push(...typeErrors(schema, value, `${policy.name}.${key}`));
    }
    config.set(policy.name, { enforcementLevel, properties });
  }
  return { config, errors };
}

import { CONFIG_KEYS, type ConfigKey, type ConfigKeySpec } from './config-keys.js';
import { InfraConfigError } from './config-error.js';

type ValueOf<S extends ConfigKeySpec> = S extends { type: 'integer' }
  ? number
  : S extends { type: 'boolean' }
    ? boolean
    : S extends { allowed: readonly (infer A)[] }
      ? A
      : string;

type PlainKey = {
  [K in ConfigKey]: (typeof CONFIG_KEYS)[K] extends { secret: true } ? never : K;
}[ConfigKey];

/** Typed values of every non-secret stack setting (secrets are read as Pulumi outputs). */
export type StackConfig = { readonly [K in PlainKey]: ValueOf<(typeof CONFIG_KEYS)[K]> };

/** Where raw values come from: `new pulumi.Config('lucid-auth')` or a plain map in tests. */
export interface ConfigSource {
  get(key: string): string | undefined;
}

/** The config namespace of this project (the `name` in Pulumi.yaml). */
export const CONFIG_NAMESPACE = 'lucid-auth';

/** Reads and validates every non-secret setting once, naming the key in any error. */
export function readStackConfig(source: ConfigSource): StackConfig {
  const values: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(CONFIG_KEYS) as [ConfigKey, ConfigKeySpec][]) {
    if (spec.type === 'string' && spec.secret) continue;
    values[key] = parseValue(key, spec, source.get(key));
  }

  const config = values as StackConfig;
  checkCrossKeyRules(config);
  return config;
}

/** A config source over a plain map, keyed without the namespace. */
export function mapConfigSource(map: Readonly<Record<string, string>>): ConfigSource {
  return { get: (key) => map[key] };
}

function parseValue(key: string, spec: ConfigKeySpec, raw: string | undefined): unknown {
  if (raw === undefined) return spec.default;
  const where = `${CONFIG_NAMESPACE}:${key}`;

  if (spec.type === 'boolean') {
    if (raw !== 'true' && raw !== 'false') {
      throw new InfraConfigError('CONFIG_INVALID', `${where} must be true or false`);
    }
    return raw === 'true';
  }

  if (spec.type === 'integer') {
    const value = Number(raw);
    if (!Number.isInteger(value) || value < spec.min || value > spec.max) {
      throw new InfraConfigError(
        'CONFIG_INVALID',
        `${where} must be an integer from ${spec.min} to ${spec.max}, got "${raw}"`,
      );
    }
    return value;
  }

  if (spec.allowed && !spec.allowed.includes(raw)) {
    const choices = spec.allowed.map((a) => JSON.stringify(a)).join(', ');
    throw new InfraConfigError('CONFIG_INVALID', `${where} must be one of ${choices}`);
  }
  if (spec.pattern && !spec.pattern.test(raw)) {
    throw new InfraConfigError('CONFIG_INVALID', `${where} must match ${String(spec.pattern)}`);
  }
  return raw;
}

function checkCrossKeyRules(config: StackConfig): void {
  if (config.imagePush && config.registryServer === '') {
    throw new InfraConfigError(
      'CONFIG_INVALID',
      `${CONFIG_NAMESPACE}:imagePush needs ${CONFIG_NAMESPACE}:registryServer`,
    );
  }
  if (config.imagePush && !config.imageRepository.startsWith(`${config.registryServer}/`)) {
    throw new InfraConfigError(
      'CONFIG_INVALID',
      `${CONFIG_NAMESPACE}:imageRepository must start with registryServer/ when pushing`,
    );
  }
  const pullable = config.imagePush || config.imageRef.includes('@');
  if (config.target === 'kubernetes' && !pullable) {
    throw new InfraConfigError(
      'CONFIG_INVALID',
      `${CONFIG_NAMESPACE}:target kubernetes needs imagePush true or an imageRef with a ` +
        'registry, since the nodes pull the image',
    );
  }
  if (config.dockerHost !== '' && !pullable && !config.imageRef.startsWith('sha256:')) {
    throw new InfraConfigError(
      'CONFIG_INVALID',
      `${CONFIG_NAMESPACE}:dockerHost names another engine, so it needs imagePush true or a ` +
        'registry imageRef to get the image there',
    );
  }
  if (config.redisMaxMemoryMb >= config.redisMemoryMb) {
    throw new InfraConfigError(
      'CONFIG_INVALID',
      `${CONFIG_NAMESPACE}:redisMaxMemoryMb must be below redisMemoryMb`,
    );
  }
  if (Number(config.mongodbCacheGb) * 1024 >= config.mongodbMemoryMb / 2) {
    throw new InfraConfigError(
      'CONFIG_INVALID',
      `${CONFIG_NAMESPACE}:mongodbCacheGb must be under half of mongodbMemoryMb`,
    );
  }
  if (config.maxReplicas < config.replicas) {
    throw new InfraConfigError(
      'CONFIG_INVALID',
      `${CONFIG_NAMESPACE}:maxReplicas must be at least replicas`,
    );
  }
}

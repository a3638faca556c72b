import { ConfigError } from './config-error.js';
import type { Env } from './secrets.js';

/** Reads a string, falling back to `fallback` when unset or empty. */
export function str(env: Env, name: string, fallback: string): string {
  const value = env[name];
  return value === undefined || value === '' ? fallback : value;
}

/** Reads an integer within [min, max]. */
export function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  if (!/^-?\d+$/.test(text)) throw new ConfigError(name, `expected an integer, got "${text}"`);

  const value = Number(text);
  if (value < min || value > max) {
    throw new ConfigError(name, `expected an integer from ${min} to ${max}, got ${value}`);
  }
  return value;
}

/** Reads one of a closed set of values. */
export function oneOf<T extends string>(
  env: Env,
  name: string,
  fallback: T,
  allowed: readonly T[],
): T {
  const value = str(env, name, fallback);
  if (!(allowed as readonly string[]).includes(value)) {
    throw new ConfigError(name, `expected one of ${allowed.join(', ')}, got "${value}"`);
  }
  return value as T;
}

/** Reads a comma-separated list; blanks around items are dropped, empty items refused. */
export function list(env: Env, name: string, fallback: readonly string[]): string[] {
  const text = env[name];
  if (text === undefined) return [...fallback];
  if (text.trim() === '') return [];

  const items = text.split(',').map((item) => item.trim());
  if (items.some((item) => item === '')) throw new ConfigError(name, 'contains an empty item');
  return items;
}

/** How many proxy hops to trust for the client address: Fastify's `trustProxy` forms. */
export type TrustProxy = boolean | number | string[];

/** Reads TRUST_PROXY: false, true, a hop count, or a comma list of addresses or CIDRs. */
export function trustProxy(env: Env, name: string): TrustProxy {
  const text = str(env, name, 'false');
  if (text === 'false') return false;
  if (text === 'true') return true;
  if (/^\d+$/.test(text)) return Number(text);

  const items = list(env, name, []);
  const addressLike = /^[0-9a-fA-F:.]+(\/\d{1,3})?$/;
  const bad = items.find((item) => !addressLike.test(item));
  if (bad !== undefined) {
    throw new ConfigError(name, `expected false, true, a hop count or addresses, got "${bad}"`);
  }
  return items;
}

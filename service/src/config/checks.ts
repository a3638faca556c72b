import { isTronAddress } from '../tron/address.js';
import { ConfigError } from './config-error.js';

const MIN_SECRET_BYTES = 32;
const MIN_DISTINCT_CHARACTERS = 12;
const PLACEHOLDERS = ['changeme', 'change-me', 'password', 'example', 'secret', 'development'];

/**
 * Refuses short secrets always, and outside development also secrets that look typed by
 * hand: few distinct characters or a placeholder word (the env.example's own value).
 */
export function checkSecretStrength(name: string, value: string, relaxed: boolean): void {
  if (Buffer.byteLength(value) < MIN_SECRET_BYTES) {
    throw new ConfigError(name, `must be at least ${MIN_SECRET_BYTES} bytes`);
  }
  if (relaxed) return;

  if (new Set(value).size < MIN_DISTINCT_CHARACTERS) {
    throw new ConfigError(name, 'too few distinct characters: generate it randomly');
  }
  const lower = value.toLowerCase();
  const placeholder = PLACEHOLDERS.find((word) => lower.includes(word));
  if (placeholder !== undefined) {
    throw new ConfigError(name, `contains "${placeholder}": generate it randomly`);
  }
}

/**
 * Accepts an origin (scheme, host, optional port; no path, query or credentials) and returns
 * it normalised. Outside development it must be https: wallets show the domain to the
 * person signing, and it is the tokens' issuer.
 */
export function checkOrigin(name: string, value: string, relaxed: boolean): string {
  if (value === '') throw new ConfigError(name, 'required, for example https://auth.example.com');

  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(name, `not a URL: "${value}"`);
  }
  if (url.origin !== value.replace(/\/$/, '')) {
    throw new ConfigError(name, `must be an origin only (like ${url.origin}), got "${value}"`);
  }
  if (url.protocol !== 'https:' && !(relaxed && url.protocol === 'http:')) {
    throw new ConfigError(name, 'must use https outside development and test');
  }
  return url.origin;
}

/** Refuses anything in the super-admin list that is not a TRON base58 address. */
export function checkSuperAdmins(name: string, addresses: readonly string[]): void {
  const bad = addresses.find((address) => !isTronAddress(address));
  if (bad !== undefined) throw new ConfigError(name, `"${bad}" is not a TRON address`);
}

import { readFileSync } from 'node:fs';

import { ConfigError } from './config-error.js';

/** Environment variables the service reads; a plain record so tests can pass their own. */
export type Env = Readonly<Record<string, string | undefined>>;

/**
 * Reads a value that may be delivered as a file: `NAME_FILE` names a file whose content
 * (one trailing newline dropped) is the value, which is how orchestrators mount secrets.
 * Setting both `NAME` and `NAME_FILE` is refused, since silently preferring one hides a
 * deployment mistake.
 */
export function readSecret(env: Env, name: string): string | undefined {
  const direct = env[name];
  const path = env[`${name}_FILE`];
  if (direct !== undefined && direct !== '' && path !== undefined && path !== '') {
    throw new ConfigError(name, `set either ${name} or ${name}_FILE, not both`);
  }
  if (path === undefined || path === '') return direct === '' ? undefined : direct;

  let content: string;
  try {
    content = readFileSync(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new ConfigError(`${name}_FILE`, `cannot read ${path} (${reason})`);
  }
  const value = content.replace(/\r?\n$/, '');
  if (value === '') throw new ConfigError(`${name}_FILE`, `${path} is empty`);
  return value;
}

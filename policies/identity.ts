import { readFileSync } from 'node:fs';

/** The pack's name, as the CLI shows it next to every finding. */
export const PACK_NAME = 'lucid-auth';

/** The pack's version: the SDK reads it from package.json, so this does too. */
export const PACK_VERSION = (
  JSON.parse(readFileSync(new URL('package.json', import.meta.url), 'utf8')) as { version: string }
).version;

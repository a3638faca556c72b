import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const envFile = fileURLToPath(new URL('../../.test-services.env', import.meta.url));

/** Addresses of the real servers the suites talk to. */
export interface TestServices {
  mongodbUri: string;
  redisUri: string;
}

function readEnvFile(): Record<string, string> {
  if (!existsSync(envFile)) return {};
  const pairs = readFileSync(envFile, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const at = line.indexOf('=');
      return [line.slice(0, at), line.slice(at + 1)] as const;
    });
  return Object.fromEntries(pairs);
}

/**
 * Reads MONGODB_URI and REDIS_URI from the environment, then from .test-services.env.
 * Throws with the command that starts the servers when either is missing: a suite that
 * needs a server fails, it never skips.
 */
export function testServices(): TestServices {
  const file = readEnvFile();
  const mongodbUri = process.env.MONGODB_URI ?? file.MONGODB_URI;
  const redisUri = process.env.REDIS_URI ?? file.REDIS_URI;
  if (!mongodbUri || !redisUri) {
    throw new Error(
      'MONGODB_URI and REDIS_URI are not set and .test-services.env is missing: ' +
        'run `npm run test:services` (or `npm test`, which runs it) first',
    );
  }
  return { mongodbUri, redisUri };
}

import { createHash } from 'node:crypto';

import type { Redis } from 'ioredis';

/** Runs a Lua script by its SHA1, loading it on the first NOSCRIPT reply. */
export type LuaScript = (keys: string[], args: (string | number)[]) => Promise<unknown>;

/**
 * Wraps a Lua script so each call sends only its SHA1 (EVALSHA), falling back to EVAL once
 * when the server does not know it yet (a restart or SCRIPT FLUSH forgets scripts).
 */
export function luaScript(redis: Redis, source: string): LuaScript {
  const sha = createHash('sha1').update(source).digest('hex');
  return async (keys, args) => {
    try {
      return await redis.evalsha(sha, keys.length, ...keys, ...args);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return redis.eval(source, keys.length, ...keys, ...args);
    }
  };
}

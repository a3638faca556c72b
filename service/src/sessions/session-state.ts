import type { Redis } from 'ioredis';

import { luaScript, type LuaScript } from '../db/lua.js';

/** What a refresh token rotation found. */
export type RotationResult =
  | { status: 'rotated'; sessionId: string }
  | { status: 'reuse'; sessionId: string }
  | { status: 'invalid' };

/** The live part of a session, as Redis holds it. */
export interface LiveSession {
  sessionId: string;
  userId: string;
  address: string;
}

// Rotates a refresh token in one step (RFC 9700 section 4.14.2). KEYS: the presented token's
// key, the new token's key. ARGV: session key prefix, presented hash, new hash, lifetime ms,
// revocation channel.
// A presented token that maps to a session but is no longer its current one was already
// rotated: that is reuse, and the session is deleted, ending all of its tokens.
const ROTATE = `
local sid = redis.call('GET', KEYS[1])
if not sid then return {'invalid'} end
local session = ARGV[1] .. sid
local current = redis.call('HGET', session, 'refresh')
if not current then return {'invalid'} end
if current ~= ARGV[2] then
  redis.call('DEL', session)
  redis.call('PUBLISH', ARGV[5], sid)
  return {'reuse', sid}
end
redis.call('HSET', session, 'refresh', ARGV[3])
redis.call('PEXPIRE', session, ARGV[4])
redis.call('SET', KEYS[2], sid, 'PX', ARGV[4])
return {'rotated', sid}
`;

// Reads the session a refresh token belongs to, without changing anything.
// KEYS: the token's key. ARGV: session key prefix. Returns {sid, uid, address} or nil.
const PEEK = `
local sid = redis.call('GET', KEYS[1])
if not sid then return nil end
local fields = redis.call('HMGET', ARGV[1] .. sid, 'uid', 'address')
if not fields[1] then return nil end
return {sid, fields[1], fields[2]}
`;

/**
 * Sessions' live state in Redis: whether a session is active, its current refresh token's
 * hash, and a map from every issued refresh token hash to its session (kept until the token
 * would have expired, so a replay of a rotated token is recognised).
 */
export class SessionState {
  private readonly redis: Redis;
  private readonly prefix: string;
  private readonly rotateScript: LuaScript;
  private readonly peekScript: LuaScript;

  constructor(redis: Redis, keyPrefix: string) {
    this.redis = redis;
    this.prefix = keyPrefix;
    this.rotateScript = luaScript(redis, ROTATE);
    this.peekScript = luaScript(redis, PEEK);
  }

  /** The pub/sub channel announcing revoked session ids. */
  get revocationChannel(): string {
    return `${this.prefix}revocations`;
  }

  private sessionKey(sessionId: string): string {
    return `${this.prefix}session:${sessionId}`;
  }

  private refreshKey(hash: string): string {
    return `${this.prefix}refresh:${hash}`;
  }

  /** Makes a session live with its first refresh token. */
  async create(session: LiveSession, refreshHash: string, lifetimeMs: number): Promise<void> {
    const key = this.sessionKey(session.sessionId);
    await this.redis
      .multi()
      .hset(key, { uid: session.userId, address: session.address, refresh: refreshHash })
      .pexpire(key, lifetimeMs)
      .set(this.refreshKey(refreshHash), session.sessionId, 'PX', lifetimeMs)
      .exec();
  }

  /** True while the session is neither revoked nor expired. */
  async isActive(sessionId: string): Promise<boolean> {
    return (await this.redis.exists(this.sessionKey(sessionId))) === 1;
  }

  /** The live session a refresh token belongs to, if any. */
  async peek(refreshHash: string): Promise<LiveSession | undefined> {
    const found = (await this.peekScript([this.refreshKey(refreshHash)], [this.sessionKey('')])) as
      [string, string, string] | null;
    if (!found) return undefined;
    return { sessionId: found[0], userId: found[1], address: found[2] };
  }

  /** Replaces the presented refresh token with a new one, atomically. */
  async rotate(presented: string, next: string, lifetimeMs: number): Promise<RotationResult> {
    const reply = (await this.rotateScript(
      [this.refreshKey(presented), this.refreshKey(next)],
      [this.sessionKey(''), presented, next, lifetimeMs, this.revocationChannel],
    )) as [string, string?];

    const [status, sessionId] = reply;
    if (status === 'rotated' || status === 'reuse') return { status, sessionId: sessionId! };
    return { status: 'invalid' };
  }

  /** Ends a session and announces it to every replica; true when it was live. */
  async revoke(sessionId: string): Promise<boolean> {
    const removed = await this.redis.del(this.sessionKey(sessionId));
    await this.redis.publish(this.revocationChannel, sessionId);
    return removed === 1;
  }
}

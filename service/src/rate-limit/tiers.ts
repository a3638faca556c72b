import { roleAtLeast, type Role } from '../rbac/roles.js';

/** Requests allowed per window for each kind of caller. */
export interface RateLimitTiers {
  /** Per client IP, for requests without a valid access token. */
  unauthenticated: number;
  /** Per account, for USER and NODE_OPERATOR. */
  authenticated: number;
  /** Per account, for ADMIN and SUPER_ADMIN. */
  admin: number;
}

/** The signed-in caller a rate limit counts against, when there is one. */
export interface RateLimitCaller {
  accountId: string;
  role: Role;
}

/** The name of a tier. */
export type TierName = keyof RateLimitTiers;

/** The tier a request falls in and the counter it is charged to. */
export interface TierSelection {
  tier: TierName;
  /** Counter key: the tier name, then the account id or the client IP. */
  key: string;
}

const TIER_NAMES: readonly TierName[] = ['unauthenticated', 'authenticated', 'admin'];

/** Picks the tier and counter for a request from its caller (or its IP when anonymous). */
export function selectTier(caller: RateLimitCaller | null, ip: string): TierSelection {
  if (!caller) return { tier: 'unauthenticated', key: `unauthenticated:${ip}` };

  const tier = roleAtLeast(caller.role, 'ADMIN') ? 'admin' : 'authenticated';
  return { tier, key: `${tier}:${caller.accountId}` };
}

/** Checks tier limits once, at start, naming the tier that is wrong. */
export function validateTiers(tiers: RateLimitTiers): RateLimitTiers {
  for (const name of TIER_NAMES) {
    const value = tiers[name];
    if (!Number.isInteger(value) || value < 1) {
      throw new Error(`Rate limit for the ${name} tier must be a positive integer, got ${value}`);
    }
  }
  return tiers;
}

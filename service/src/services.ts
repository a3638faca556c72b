import type { Redis } from 'ioredis';

import type { AccountStore } from './accounts/account-store.js';

import type { AuditLog } from './audit/audit-log.js';
import type { Authenticator } from './auth/authenticator.js';
import type { RevocationFeed } from './auth/revocation-feed.js';
import type { SignIn } from './auth/sign-in.js';
import type { ChallengeStore } from './challenge/challenge-store.js';
import type { Clock } from './clock.js';
import type { Config } from './config/config.js';
import type { Mongo } from './db/mongo.js';
import type { Metrics } from './plugins/metrics.js';
import type { SessionState } from './sessions/session-state.js';
import type { SessionStore } from './sessions/session-store.js';
import type { Sessions } from './sessions/sessions.js';
import type { AccessTokens } from './tokens/access-tokens.js';
import type { KeyRing } from './tokens/key-ring.js';
import type { RecoveryBackend } from './tron/recovery-backend.js';
import type { SecurityServices } from './security-services.js';

/** Everything the routes use, built once per app and reachable as `app.services`. */
export interface Services extends SecurityServices {
  config: Config;
  clock: Clock;
  mongo: Mongo;
  redis: Redis;
  audit: AuditLog;
  metrics: Metrics;
  keyRing: KeyRing;
  accessTokens: AccessTokens;
  sessionState: SessionState;
  authenticator: Authenticator;
  revocations: RevocationFeed;
  recovery: RecoveryBackend;
  challenges: ChallengeStore;
  accounts: AccountStore;
  sessionStore: SessionStore;
  sessions: Sessions;
  signIn: SignIn;
}

declare module 'fastify' {
  interface FastifyInstance {
    services: Services;
  }
}

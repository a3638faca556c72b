import { randomUUID } from 'node:crypto';

import { SignJWT, jwtVerify, type JWTHeaderParameters } from 'jose';

import type { Clock } from '../clock.js';
import { AppError } from '../errors/app-error.js';
import { isRole, type Role } from '../rbac/roles.js';
import type { KeyRing } from './key-ring.js';

/** Who a verified access token speaks for. */
export interface AuthContext {
  userId: string;
  address: string;
  role: Role;
  sessionId: string;
  jti: string;
  /** Expiry, seconds since the epoch. */
  expiresAt: number;
}

/** The account and session an access token is issued for. */
export type TokenSubject = Pick<AuthContext, 'userId' | 'address' | 'role' | 'sessionId'>;

/** A freshly signed access token. */
export interface IssuedAccessToken {
  token: string;
  jti: string;
  expiresIn: number;
}

/** Options of AccessTokens. */
export interface AccessTokenOptions {
  keyRing: KeyRing;
  issuer: string;
  audience: string;
  lifetimeSeconds: number;
  clock: Clock;
}

// RFC 9068's media type for JWT access tokens, so an ID token cannot pass for one.
const TOKEN_TYPE = 'at+jwt';

/** Issues and verifies EdDSA access tokens (RFC 9068 profile). */
export class AccessTokens {
  private readonly options: AccessTokenOptions;

  constructor(options: AccessTokenOptions) {
    this.options = options;
  }

  /** Signs an access token for a session with the current key. */
  async issue(subject: TokenSubject): Promise<IssuedAccessToken> {
    const { keyRing, issuer, audience, lifetimeSeconds, clock } = this.options;
    const key = keyRing.signingKey();
    const jti = randomUUID();
    const issuedAt = Math.floor(clock() / 1000);

    const token = await new SignJWT({
      role: subject.role,
      sid: subject.sessionId,
      address: subject.address,
    })
      .setProtectedHeader({ alg: 'EdDSA', kid: key.kid, typ: TOKEN_TYPE })
      .setSubject(subject.userId)
      .setJti(jti)
      .setIssuer(issuer)
      .setAudience(audience)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + lifetimeSeconds)
      .sign(key.privateKey);
    return { token, jti, expiresIn: lifetimeSeconds };
  }

  /** Verifies signature, type, issuer, audience and expiry; throws ACCESS_TOKEN_INVALID. */
  async verify(token: string): Promise<AuthContext> {
    const { keyRing, issuer, audience, clock } = this.options;
    const keyFor = (header: JWTHeaderParameters) => {
      const key = header.kid === undefined ? undefined : keyRing.verificationKey(header.kid);
      if (!key) throw new AppError('ACCESS_TOKEN_INVALID', { message: undefined });
      return key.publicKey;
    };

    try {
      const { payload } = await jwtVerify(token, keyFor, {
        algorithms: ['EdDSA'],
        typ: TOKEN_TYPE,
        issuer,
        audience,
        currentDate: new Date(clock()),
        requiredClaims: ['sub', 'jti', 'exp', 'iat'],
      });
      const { sub, jti, exp, role, sid, address } = payload;
      if (typeof sid !== 'string' || typeof address !== 'string' || !isRole(role)) {
        throw new Error('access token lacks sid, address or role');
      }
      return { userId: sub!, address, role, sessionId: sid, jti: jti!, expiresAt: exp! };
    } catch (error) {
      throw new AppError('ACCESS_TOKEN_INVALID', { cause: error });
    }
  }
}

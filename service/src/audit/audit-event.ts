import type { FastifyRequest } from 'fastify';

/** Kinds of security event; each names what happened, the outcome says how it ended. */
export const AUDIT_EVENT_TYPES = [
  'challenge.issued',
  'auth.register',
  'auth.login',
  'auth.refresh',
  'auth.refresh-reuse',
  'auth.logout',
  'session.revoke',
  'role.change',
  'hardware-wallet.register',
  'hardware-wallet.verify',
  'auth.lockout',
  'rate-limit.hit',
] as const;

/** One kind of security event. */
export type AuditEventType = (typeof AUDIT_EVENT_TYPES)[number];

/**
 * One security event. Never holds a token, signature, message text or secret: only who,
 * what, when, from where and how it ended.
 */
export interface AuditEvent {
  time: Date;
  type: AuditEventType;
  outcome: 'success' | 'failure';
  /** The account acting (user id), or the claimed address before sign-in, or null. */
  actor: string | null;
  /** What the event is about (an address, user id or session id), or null. */
  subject: string | null;
  ip: string;
  userAgent: string | null;
  requestId: string;
  /** Why it failed, as a short stable word (never a secret). */
  reason?: string;
  details?: Record<string, string | number | boolean | null>;
}

/** The request-derived part of every event. */
export type RequestContext = Pick<AuditEvent, 'ip' | 'userAgent' | 'requestId'>;

/** Reads the client address, user agent and request id of a request. */
export function requestContext(request: FastifyRequest): RequestContext {
  const userAgent = request.headers['user-agent'];
  return {
    ip: request.ip,
    userAgent: typeof userAgent === 'string' ? userAgent.slice(0, 512) : null,
    requestId: request.id,
  };
}

import type { FastifyInstance, FastifyRequest } from 'fastify';

import { auditRequest } from '../audit/audit-request.js';
import { readMessageKeys } from '../challenge/message.js';
import { AppError } from '../errors/app-error.js';
import { isTronAddress } from '../tron/address.js';
import type { SignInSubject } from './lockout.js';

/** The lockout steps of one sign-in request, as the sign-in routes call them. */
export interface SignInGuard {
  /** Refuses the request with 429 LOCKED_OUT and Retry-After while its address or IP is locked. */
  assertOpen(): Promise<void>;
  /** Counts a failure; audits the lockout and counts it in metrics when this one set it off. */
  failed(): Promise<void>;
  /** Clears the address's failures after a successful sign-in. */
  succeeded(address: string): Promise<void>;
}

/**
 * Builds the lockout guard for sign-in requests from the service's lockout, audit log and
 * metrics. The address is read from the presented message only to count against it; it is
 * used only when it is a well-formed TRON address, so junk never becomes a Redis key.
 */
export function signInGuards(app: FastifyInstance) {
  const { lockout, audit, metrics, clock } = app.services;
  const record = auditRequest(audit, clock);

  return (request: FastifyRequest, message: string): SignInGuard => {
    const claimed = readMessageKeys(message)?.address;
    const subject: SignInSubject = {
      address: claimed !== undefined && isTronAddress(claimed) ? claimed : null,
      ip: request.ip,
    };

    return {
      async assertOpen() {
        const state = await lockout.check(subject);
        if (!state.locked) return;
        request.log.info({ scope: state.scope }, 'sign-in refused: locked out');
        throw new AppError('LOCKED_OUT', {
          headers: { 'retry-after': String(state.retryAfterSeconds) },
        });
      },

      async failed() {
        const state = await lockout.recordFailure(subject);
        if (!state.locked) return;
        metrics.lockouts.inc({ scope: state.scope });
        await record(request, {
          type: 'auth.lockout',
          outcome: 'failure',
          actor: subject.address,
          subject: state.scope === 'address' ? subject.address : subject.ip,
          reason: `${state.scope}-locked`,
          details: { retryAfterSeconds: state.retryAfterSeconds },
        });
      },

      async succeeded(address) {
        await lockout.recordSuccess(address);
      },
    };
  };
}

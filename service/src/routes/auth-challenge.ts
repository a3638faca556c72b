import { requestContext } from '../audit/audit-event.js';
import { buildMessage } from '../challenge/message.js';
import { AppError } from '../errors/app-error.js';
import {
  ChallengeRequest,
  ChallengeResponse,
  VerifySignatureRequest,
  VerifySignatureResponse,
} from '../schemas/auth.js';
import { errorResponses } from '../schemas/common.js';
import { isTronAddress } from '../tron/address.js';
import { recoverSigner } from '../tron/tip191.js';
import type { TypedApp } from './typed-app.js';

/** POST /api/v1/auth/challenge and POST /api/v1/auth/verify-tron-signature. */
export function authChallengeRoutes(app: TypedApp): void {
  const { challenges, audit, recovery, clock } = app.services;

  app.post(
    '/api/v1/auth/challenge',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'Issue a sign-in challenge (CAIP-122 message) for an address',
        description:
          'Sign the returned `message` exactly, with TronLink `signMessageV2` (TIP-191), ' +
          'then send it to /auth/register or /auth/login before `expiresAt`.',
        body: ChallengeRequest,
        response: { 200: ChallengeResponse, ...errorResponses(400, 413, 415, 429, 503) },
      },
    },
    async (request) => {
      const { address } = request.body;
      if (!isTronAddress(address)) throw new AppError('INVALID_ADDRESS');

      const record = await challenges.issue(address);
      // Refused (503) rather than issued unaudited: see AuditLog.
      await audit.recordOrRefuse({
        time: new Date(clock()),
        type: 'challenge.issued',
        outcome: 'success',
        actor: address,
        subject: address,
        ...requestContext(request),
      });
      return { message: buildMessage(record), ...record };
    },
  );

  app.post(
    '/api/v1/auth/verify-tron-signature',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'Recover the address that signed a message with TIP-191 (signMessageV2)',
        description:
          'Accepts 65-byte signatures with v in 0, 1, 27 or 28. The legacy V1 scheme ' +
          '(signing a hex digest) is not accepted.',
        body: VerifySignatureRequest,
        response: { 200: VerifySignatureResponse, ...errorResponses(400, 413, 415, 429, 503) },
      },
    },
    (request) => {
      const signer = recoverSigner(recovery, request.body.message, request.body.signature);
      if (!signer) throw new AppError('INVALID_SIGNATURE');
      return { address: signer.base58, addressHex: signer.hex };
    },
  );
}

import type { FastifyRequest } from 'fastify';

import { auditRequest } from '../audit/audit-request.js';
import { authOf } from '../auth/authenticate-hook.js';
import { AppError } from '../errors/app-error.js';
import type { ProofFailure } from '../hardware-wallets/service.js';
import {
  HardwareWalletList,
  HardwareWalletView,
  RegisterChallengeRequest,
  StepUpResponse,
  VerifyChallengeRequest,
  WalletChallengeResponse,
} from '../hardware-wallets/schemas.js';
import { WalletAlreadyRegistered, type HardwareWallet } from '../hardware-wallets/wallet-store.js';
import { SignedMessage } from '../schemas/auth.js';
import { errorResponses } from '../schemas/common.js';
import { isTronAddress } from '../tron/address.js';
import type { TypedApp } from './typed-app.js';

// Shown in the OpenAPI document, since client authors decide from it what to promise users.
const HONESTY =
  'What the server verifies is a TIP-191 signature by the registered address over a fresh ' +
  'challenge: proof that the caller controls that key, not that the key lives in a hardware ' +
  'device (a software wallet holding the same key passes too). Device support for TRON ' +
  'message signing varies: Ledger signs with its TRON app; Trezor firmware cannot sign TRON ' +
  'messages today; KeepKey only added it recently, so check the firmware version.';

function view(wallet: HardwareWallet) {
  return {
    id: wallet.id,
    deviceType: wallet.deviceType,
    address: wallet.address,
    label: wallet.label,
    registeredAt: wallet.registeredAt.toISOString(),
    lastVerifiedAt: wallet.lastVerifiedAt?.toISOString() ?? null,
  };
}

function caller(request: FastifyRequest) {
  const auth = authOf(request);
  return { accountId: auth.userId, sessionId: auth.sessionId };
}

/** The hardware-wallet routes: list, register and verify (step-up), each with a challenge. */
export function hardwareWalletRoutes(app: TypedApp): void {
  const { hardwareWallets, sessionStore, audit, clock } = app.services;
  const record = auditRequest(audit, clock);
  const config = { permission: 'hardware-wallets:manage-own' as const };
  const tags = ['hardware-wallets'];

  const challengeResponse = (challenge: { message: string; expiresAt: Date }) => ({
    message: challenge.message,
    expiresAt: challenge.expiresAt.toISOString(),
    expiresIn: Math.max(0, Math.round((challenge.expiresAt.getTime() - clock()) / 1000)),
  });

  const rejected = async (
    request: FastifyRequest,
    type: 'hardware-wallet.register' | 'hardware-wallet.verify',
    reason: ProofFailure,
  ) => {
    request.log.warn({ type, reason }, 'hardware-wallet proof refused');
    const actor = authOf(request).userId;
    await record(request, { type, outcome: 'failure', actor, subject: null, reason });
    return new AppError('HARDWARE_WALLET_PROOF_REJECTED');
  };

  app.get(
    '/api/v1/hardware-wallets',
    {
      config,
      schema: {
        tags,
        summary: "The caller's registered hardware wallets and the accepted device types",
        description: HONESTY,
        response: { 200: HardwareWalletList, ...errorResponses(401, 403, 429, 503) },
      },
    },
    async (request) => ({
      wallets: (await hardwareWallets.list(authOf(request).userId)).map(view),
      supportedTypes: [...hardwareWallets.supportedTypes],
    }),
  );

  app.post(
    '/api/v1/hardware-wallets/register/challenge',
    {
      config,
      schema: {
        tags,
        summary: 'Get the challenge that registers an address as a hardware wallet',
        description:
          'Sign the returned message with the device (TronLink signMessageV2 or the Ledger ' +
          `TRON app) within HARDWARE_WALLET_TIMEOUT seconds, then POST it to /register. ${HONESTY}`,
        body: RegisterChallengeRequest,
        response: {
          200: WalletChallengeResponse,
          ...errorResponses(400, 401, 403, 409, 413, 415, 429, 503),
        },
      },
    },
    async (request) => {
      if (!isTronAddress(request.body.address)) throw new AppError('INVALID_ADDRESS');
      if (!hardwareWallets.supportedTypes.includes(request.body.deviceType)) {
        throw new AppError('HARDWARE_WALLET_UNSUPPORTED');
      }
      // Step-up means a second key signed just now; the sign-in key itself would add nothing.
      if (request.body.address === authOf(request).address) {
        throw new AppError('HARDWARE_WALLET_IS_ACCOUNT_KEY');
      }
      try {
        const challenge = await hardwareWallets.challengeRegistration(
          caller(request),
          request.body,
        );
        return challengeResponse(challenge);
      } catch (error) {
        if (error instanceof WalletAlreadyRegistered) throw new AppError('HARDWARE_WALLET_EXISTS');
        throw error;
      }
    },
  );

  app.post(
    '/api/v1/hardware-wallets/register',
    {
      config,
      schema: {
        tags,
        summary: 'Register a hardware wallet with its signed challenge',
        description: `Every failure answers 400 HARDWARE_WALLET_PROOF_REJECTED. ${HONESTY}`,
        body: SignedMessage,
        response: {
          201: HardwareWalletView,
          ...errorResponses(400, 401, 403, 409, 413, 415, 429, 503),
        },
      },
    },
    async (request, reply) => {
      const type = 'hardware-wallet.register';
      let result;
      try {
        result = await hardwareWallets.register(
          caller(request),
          request.body.message,
          request.body.signature,
        );
      } catch (error) {
        if (!(error instanceof WalletAlreadyRegistered)) throw error;
        throw new AppError('HARDWARE_WALLET_EXISTS');
      }
      if (!result.ok) throw await rejected(request, type, result.reason);

      const wallet = result.value;
      await record(request, {
        type,
        outcome: 'success',
        actor: wallet.accountId,
        subject: wallet.address,
        details: { walletId: wallet.id, deviceType: wallet.deviceType },
      });
      return reply.code(201).send(view(wallet));
    },
  );

  app.post(
    '/api/v1/hardware-wallets/verify/challenge',
    {
      config,
      schema: {
        tags,
        summary: 'Get the challenge that steps up this session with a registered wallet',
        body: VerifyChallengeRequest,
        response: {
          200: WalletChallengeResponse,
          ...errorResponses(400, 401, 403, 404, 413, 415, 429, 503),
        },
      },
    },
    async (request) => {
      const challenge = await hardwareWallets.challengeVerification(
        caller(request),
        request.body.walletId,
      );
      if (!challenge) throw new AppError('NOT_FOUND');
      return challengeResponse(challenge);
    },
  );

  app.post(
    '/api/v1/hardware-wallets/verify',
    {
      config,
      schema: {
        tags,
        summary: 'Step up this session with a signed verification challenge',
        description:
          'Marks the calling session stepped up for the step-up window; actions listed in ' +
          `STEP_UP_REQUIRED_ACTIONS need it. ${HONESTY}`,
        body: SignedMessage,
        response: { 200: StepUpResponse, ...errorResponses(400, 401, 403, 413, 415, 429, 503) },
      },
    },
    async (request) => {
      const type = 'hardware-wallet.verify';
      const who = caller(request);
      const result = await hardwareWallets.verify(
        who,
        request.body.message,
        request.body.signature,
      );
      if (!result.ok) throw await rejected(request, type, result.reason);

      const { wallet, stepUp } = result.value;
      // The session list shows the step-up; Redis alone decides whether it still holds.
      await sessionStore.markSteppedUp(who.sessionId, new Date(stepUp.until));
      await record(request, {
        type,
        outcome: 'success',
        actor: who.accountId,
        subject: wallet.address,
        details: { walletId: wallet.id, sessionId: who.sessionId },
      });
      return { walletId: wallet.id, sessionId: who.sessionId, steppedUpUntil: stepUp.until };
    },
  );
}

import { randomUUID } from 'node:crypto';

import { formatChallengeMessage, nonceOf } from './challenge-message.js';
import { ChallengeStore, newNonce, type WalletChallenge } from './challenge-store.js';
import type { HardwareWalletType } from './device-types.js';
import type { StepUp, StepUpStore } from './step-up.js';
import { WalletAlreadyRegistered, type HardwareWallet, type WalletStore } from './wallet-store.js';

/** Where challenge messages point, from the public origin and the TRON network. */
export interface MessageContext {
  domain: string;
  uri: string;
  chainId: string;
}

/** What the hardware-wallet service needs; options are checked by the caller's config. */
export interface HardwareWalletDeps {
  wallets: WalletStore;
  challenges: ChallengeStore;
  stepUps: StepUpStore;
  message: MessageContext;
  supportedTypes: readonly HardwareWalletType[];
  /** Seconds a challenge waits for its signature (HARDWARE_WALLET_TIMEOUT). */
  timeoutSeconds: number;
  /** Seconds a verification keeps the session stepped up. */
  stepUpSeconds: number;
  /** The base58 address that signed the TIP-191 message, or undefined when none did. */
  recoverAddress: (message: string, signature: string) => Promise<string | undefined>;
  now?: () => Date;
}

/** The caller: a signed-in account and the session its access token belongs to. */
export interface Caller {
  accountId: string;
  sessionId: string;
}

/** A challenge handed to the client to sign. */
export interface IssuedChallenge {
  message: string;
  expiresAt: Date;
}

/** Why a signed challenge was refused; goes to the log and audit, never to the client. */
export type ProofFailure =
  'unknown-challenge' | 'wrong-caller' | 'message-mismatch' | 'expired' | 'bad-signature';

/** The outcome of a signed challenge. */
export type ProofResult<T> = { ok: true; value: T } | { ok: false; reason: ProofFailure };

/**
 * Hardware-wallet registration and step-up. Both are a signature over a fresh, single-use
 * challenge by the wallet's address: proof that the caller controls that key, not that the
 * key lives in a device, which no server can see.
 */
export class HardwareWalletService {
  readonly #deps: HardwareWalletDeps;
  readonly #now: () => Date;

  constructor(deps: HardwareWalletDeps) {
    this.#deps = deps;
    this.#now = deps.now ?? (() => new Date());
  }

  /** The device types this deployment accepts. */
  get supportedTypes(): readonly HardwareWalletType[] {
    return this.#deps.supportedTypes;
  }

  /**
   * Issues the challenge that registers `address` as the caller's hardware wallet; throws
   * WalletAlreadyRegistered when the address is already registered.
   */
  async challengeRegistration(
    caller: Caller,
    wallet: { deviceType: HardwareWalletType; address: string; label: string },
  ): Promise<IssuedChallenge> {
    // Checked early for a clear answer; the unique index still decides under a race.
    if (await this.#deps.wallets.findByAddress(wallet.address)) throw new WalletAlreadyRegistered();

    const statement =
      `Register this ${wallet.deviceType} wallet as a hardware wallet of ` +
      `Lucid account ${caller.accountId}.`;
    return this.#issue(caller, { purpose: 'register', ...wallet }, statement);
  }

  /**
   * Issues the challenge that steps up the caller's session with one of its wallets, or
   * returns undefined when the caller has no wallet with that id.
   */
  async challengeVerification(
    caller: Caller,
    walletId: string,
  ): Promise<IssuedChallenge | undefined> {
    const wallet = await this.#deps.wallets.findOwned(caller.accountId, walletId);
    if (!wallet) return undefined;

    const statement =
      `Confirm a privileged action on Lucid account ${caller.accountId} ` +
      `with your ${wallet.deviceType} hardware wallet.`;
    const { deviceType, address, label } = wallet;
    const target = { purpose: 'verify' as const, deviceType, address, label, walletId };
    return this.#issue(caller, target, statement);
  }

  /** The caller's registered wallets, oldest first. */
  async list(accountId: string): Promise<HardwareWallet[]> {
    return this.#deps.wallets.listOwned(accountId);
  }

  /** The session's current step-up, if it has one. */
  async stepUpOf(sessionId: string): Promise<StepUp | undefined> {
    return this.#deps.stepUps.get(sessionId);
  }

  /** Completes a registration; may throw WalletAlreadyRegistered from the store. */
  async register(
    caller: Caller,
    message: string,
    signature: string,
  ): Promise<ProofResult<HardwareWallet>> {
    const proof = await this.#prove(caller, 'register', message, signature);
    if (!proof.ok) return proof;

    const { accountId, deviceType, address, label } = proof.value;
    const wallet: HardwareWallet = {
      id: randomUUID(),
      accountId,
      deviceType,
      address,
      label,
      registeredAt: this.#now(),
      lastVerifiedAt: null,
    };
    await this.#deps.wallets.insert(wallet);
    return { ok: true, value: wallet };
  }

  /** Completes a verification and marks the caller's session stepped up. */
  async verify(
    caller: Caller,
    message: string,
    signature: string,
  ): Promise<ProofResult<{ wallet: HardwareWallet; stepUp: StepUp }>> {
    const proof = await this.#prove(caller, 'verify', message, signature);
    if (!proof.ok) return proof;

    const wallet = await this.#deps.wallets.findOwned(caller.accountId, proof.value.walletId ?? '');
    if (!wallet) return { ok: false, reason: 'unknown-challenge' };

    const at = this.#now();
    await this.#deps.wallets.touchVerified(wallet.id, at);
    const windowMs = this.#deps.stepUpSeconds * 1000;
    const stepUp = await this.#deps.stepUps.mark(caller.sessionId, wallet.id, at, windowMs);
    return { ok: true, value: { wallet: { ...wallet, lastVerifiedAt: at }, stepUp } };
  }

  async #issue(
    caller: Caller,
    target: Pick<WalletChallenge, 'purpose' | 'deviceType' | 'address' | 'label' | 'walletId'>,
    statement: string,
  ): Promise<IssuedChallenge> {
    const nonce = newNonce();
    const issuedAt = this.#now();
    const expiresAt = new Date(issuedAt.getTime() + this.#deps.timeoutSeconds * 1000);
    const message = formatChallengeMessage({
      ...this.#deps.message,
      address: target.address,
      statement,
      nonce,
      issuedAt,
      expiresAt,
    });

    const challenge = { ...target, ...caller, message, expiresAt: expiresAt.toISOString() };
    await this.#deps.challenges.put(nonce, challenge, this.#deps.timeoutSeconds * 1000);
    return { message, expiresAt };
  }

  async #prove(
    caller: Caller,
    purpose: WalletChallenge['purpose'],
    message: string,
    signature: string,
  ): Promise<ProofResult<WalletChallenge>> {
    const nonce = nonceOf(message);
    const challenge = nonce === undefined ? undefined : await this.#deps.challenges.take(nonce);
    if (!challenge || challenge.purpose !== purpose) {
      return { ok: false, reason: 'unknown-challenge' };
    }

    // The server's own record decides; the client's copy must match it to the byte.
    if (challenge.accountId !== caller.accountId || challenge.sessionId !== caller.sessionId) {
      return { ok: false, reason: 'wrong-caller' };
    }
    if (challenge.message !== message) return { ok: false, reason: 'message-mismatch' };
    if (new Date(challenge.expiresAt) <= this.#now()) return { ok: false, reason: 'expired' };

    const signer = await this.#deps.recoverAddress(message, signature);
    if (signer !== challenge.address) return { ok: false, reason: 'bad-signature' };

    return { ok: true, value: challenge };
  }
}

import type { AccountRecord, AccountStore } from '../accounts/account-store.js';
import type { ChallengeStore } from '../challenge/challenge-store.js';
import { buildMessage, readMessageKeys, type ChallengeRecord } from '../challenge/message.js';
import type { Clock } from '../clock.js';
import type { RecoveryBackend } from '../tron/recovery-backend.js';
import { recoverSigner } from '../tron/tip191.js';

/** Why a sign-in failed: logged and audited, never shown to the client. */
export type SignInFailureReason =
  | 'malformed-message'
  | 'unknown-nonce'
  | 'wrong-domain'
  | 'wrong-chain'
  | 'message-mismatch'
  | 'expired'
  | 'bad-signature'
  | 'nonce-replayed'
  | 'unknown-account';

/** A failed sign-in; the route answers every reason with the same 401. */
export class SignInFailure extends Error {
  readonly reason: SignInFailureReason;
  /** The address the message claimed, for lockout counting and the audit log. */
  readonly claimedAddress: string | null;

  constructor(reason: SignInFailureReason, claimedAddress: string | null) {
    super(`sign-in failed: ${reason}`);
    this.name = 'SignInFailure';
    this.reason = reason;
    this.claimedAddress = claimedAddress;
  }
}

/** A signed challenge that checked out; the nonce is consumed. */
export interface VerifiedSignIn {
  address: string;
  /** The account holding the address, or null (expected for register). */
  account: AccountRecord | null;
}

/** Options of SignIn. */
export interface SignInOptions {
  challenges: ChallengeStore;
  accounts: AccountStore;
  recovery: RecoveryBackend;
  clock: Clock;
  domain: string;
  chainId: string;
}

/**
 * Checks a signed challenge. Every attempt does the same work whatever fails (signature
 * recovery, challenge lookup and account lookup) so failures take alike long; the nonce is
 * consumed only once everything else checked out.
 */
export class SignIn {
  private readonly options: SignInOptions;

  constructor(options: SignInOptions) {
    this.options = options;
  }

  /** Verifies a signed challenge; throws SignInFailure. */
  async verify(
    message: string,
    signature: string,
    expectAccount: boolean,
  ): Promise<VerifiedSignIn> {
    const { challenges, accounts, recovery } = this.options;
    const signer = recoverSigner(recovery, message, signature);
    const keys = readMessageKeys(message);
    const claimed = keys?.address ?? null;

    const [record, account] = await Promise.all([
      keys ? challenges.peek(keys.nonce) : Promise.resolve(undefined),
      claimed ? accounts.findByAddress(claimed) : Promise.resolve(null),
    ]);

    const reason = this.check(message, keys, record, signer?.base58);
    if (reason) throw new SignInFailure(reason, claimed);
    if (expectAccount && !account) throw new SignInFailure('unknown-account', claimed);

    if (!(await challenges.consume(keys!.nonce))) {
      throw new SignInFailure('nonce-replayed', claimed);
    }
    return { address: record!.address, account };
  }

  private check(
    message: string,
    keys: ReturnType<typeof readMessageKeys>,
    record: ChallengeRecord | undefined,
    signer: string | undefined,
  ): SignInFailureReason | undefined {
    const { domain, chainId, clock } = this.options;
    if (!keys) return 'malformed-message';
    if (keys.domain !== domain) return 'wrong-domain';
    if (keys.chainId !== chainId) return 'wrong-chain';
    if (!record) return 'unknown-nonce';
    // The record is ours; the client's text must be exactly what we would write from it.
    if (buildMessage(record) !== message) return 'message-mismatch';
    if (Date.parse(record.expiresAt) <= clock()) return 'expired';
    if (signer !== record.address) return 'bad-signature';
    return undefined;
  }
}

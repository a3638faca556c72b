/** What a hardware-wallet challenge message states; every field comes from the server. */
export interface ChallengeMessageFields {
  /** Host (and port) of the public origin, which wallets show to the person signing. */
  domain: string;
  uri: string;
  /** CAIP-2 chain id, for example tron:728126428 on mainnet. */
  chainId: string;
  address: string;
  statement: string;
  nonce: string;
  issuedAt: Date;
  expiresAt: Date;
}

/**
 * Formats a challenge in the CAIP-122 ("Sign in with X") layout the sign-in message uses, so
 * wallets display it the same way; its statement says what signing it will do.
 */
export function formatChallengeMessage(fields: ChallengeMessageFields): string {
  return [
    `${fields.domain} wants you to sign in with your TRON account:`,
    fields.address,
    '',
    fields.statement,
    '',
    `URI: ${fields.uri}`,
    'Version: 1',
    `Chain ID: ${fields.chainId}`,
    `Nonce: ${fields.nonce}`,
    `Issued At: ${fields.issuedAt.toISOString()}`,
    `Expiration Time: ${fields.expiresAt.toISOString()}`,
  ].join('\n');
}

/** The nonce line of a challenge message, or undefined when there is none. */
export function nonceOf(message: string): string | undefined {
  return /^Nonce: ([0-9a-f]{32})$/m.exec(message)?.[1];
}

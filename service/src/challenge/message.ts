/** Everything the sign-in message says; the server keeps this, never the client's text. */
export interface ChallengeRecord {
  /** Host (and port when not the default) of PUBLIC_ORIGIN: who asks for the signature. */
  domain: string;
  address: string;
  uri: string;
  /** CAIP-2, such as tron:728126428. */
  chainId: string;
  nonce: string;
  /** ISO 8601 instants. */
  issuedAt: string;
  expiresAt: string;
}

/** What the person is told they are signing. */
export const STATEMENT =
  'Sign in to Lucid with this TRON account. Signing is free and sends no transaction.';

/**
 * The CAIP-122 ("Sign in with X") text form of a challenge, laid out as EIP-4361 lays out
 * its Ethereum profile, with TRON as the namespace and a CAIP-2 chain id.
 */
export function buildMessage(record: ChallengeRecord): string {
  return [
    `${record.domain} wants you to sign in with your TRON account:`,
    record.address,
    '',
    STATEMENT,
    '',
    `URI: ${record.uri}`,
    'Version: 1',
    `Chain ID: ${record.chainId}`,
    `Nonce: ${record.nonce}`,
    `Issued At: ${record.issuedAt}`,
    `Expiration Time: ${record.expiresAt}`,
  ].join('\n');
}

/** The parts of a presented message the server looks up by; all else is rebuilt. */
export interface MessageKeys {
  domain: string;
  address: string;
  chainId: string;
  nonce: string;
}

const HEADER = / wants you to sign in with your TRON account:$/;

/** Reads the lookup fields of a presented message, or undefined when it is not in our form. */
export function readMessageKeys(message: string): MessageKeys | undefined {
  const lines = message.split('\n');
  const header = lines[0] ?? '';
  if (!HEADER.test(header)) return undefined;

  const field = (name: string) =>
    lines.find((line) => line.startsWith(`${name}: `))?.slice(name.length + 2);
  const nonce = field('Nonce');
  const chainId = field('Chain ID');
  if (nonce === undefined || chainId === undefined) return undefined;

  return {
    domain: header.replace(HEADER, ''),
    address: lines[1] ?? '',
    chainId,
    nonce,
  };
}

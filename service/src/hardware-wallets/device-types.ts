import { ConfigError } from '../config/config-error.js';

/**
 * Device families the service knows how to describe. What the server verifies is a TIP-191
 * signature by the registered address; it cannot tell whether the key lives in a device.
 */
export const HARDWARE_WALLET_TYPES = ['ledger', 'trezor', 'keepkey'] as const;

/** One known device family. */
export type HardwareWalletType = (typeof HARDWARE_WALLET_TYPES)[number];

const VARIABLE = 'SUPPORTED_HARDWARE_WALLETS';

/** True when the value names a known device family. */
export function isHardwareWalletType(value: unknown): value is HardwareWalletType {
  return typeof value === 'string' && (HARDWARE_WALLET_TYPES as readonly string[]).includes(value);
}

/**
 * Checks the configured list (SUPPORTED_HARDWARE_WALLETS) once, at start: every entry must be
 * a known family, named once. An empty list turns hardware-wallet registration off.
 */
export function parseSupportedTypes(configured: readonly string[]): HardwareWalletType[] {
  const unknown = configured.find((name) => !isHardwareWalletType(name));
  if (unknown !== undefined) {
    const known = HARDWARE_WALLET_TYPES.join(', ');
    throw new ConfigError(VARIABLE, `unknown type "${unknown}"; known types: ${known}`);
  }
  if (new Set(configured).size !== configured.length) {
    throw new ConfigError(VARIABLE, 'names a type twice');
  }
  return configured.filter(isHardwareWalletType);
}

import { Type } from '@fastify/type-provider-typebox';

import { NullableString, TronAddressString } from '../schemas/common.js';
import { HARDWARE_WALLET_TYPES, type HardwareWalletType } from './device-types.js';

/** A device family name. */
export const DeviceType = Type.Unsafe<HardwareWalletType>({
  type: 'string',
  enum: [...HARDWARE_WALLET_TYPES],
  description: 'Device family; the deployment accepts those in SUPPORTED_HARDWARE_WALLETS',
});

/** A registered hardware wallet as the API shows it. */
export const HardwareWalletView = Type.Object({
  id: Type.String({ format: 'uuid' }),
  deviceType: DeviceType,
  address: Type.String(),
  label: Type.String(),
  registeredAt: Type.String({ format: 'date-time' }),
  lastVerifiedAt: NullableString({ format: 'date-time' }),
});

/** GET /hardware-wallets response. */
export const HardwareWalletList = Type.Object({
  wallets: Type.Array(HardwareWalletView),
  supportedTypes: Type.Array(DeviceType),
});

/** POST /hardware-wallets/register/challenge body. */
export const RegisterChallengeRequest = Type.Object(
  {
    deviceType: DeviceType,
    address: TronAddressString,
    label: Type.String({
      minLength: 1,
      maxLength: 64,
      // Printable text only: the label is shown back in lists and must not carry controls.
      pattern: '^[^\\x00-\\x1f\\x7f]*[^\\s\\x00-\\x1f\\x7f][^\\x00-\\x1f\\x7f]*$',
      description: 'A name the owner recognises, 1 to 64 printable characters',
    }),
  },
  { additionalProperties: false },
);

/** POST /hardware-wallets/verify/challenge body. */
export const VerifyChallengeRequest = Type.Object(
  { walletId: Type.String({ format: 'uuid' }) },
  { additionalProperties: false },
);

/** A hardware-wallet challenge to sign. */
export const WalletChallengeResponse = Type.Object({
  message: Type.String({ description: 'The text to sign with signMessageV2, byte for byte' }),
  expiresAt: Type.String({ format: 'date-time' }),
  expiresIn: Type.Integer({ description: 'Seconds left to answer (HARDWARE_WALLET_TIMEOUT)' }),
});

/** POST /hardware-wallets/verify response. */
export const StepUpResponse = Type.Object({
  walletId: Type.String({ format: 'uuid' }),
  sessionId: Type.String(),
  steppedUpUntil: Type.String({ format: 'date-time' }),
});

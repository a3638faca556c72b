import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/** A value sealed with AES-256-GCM; every part base64. */
export interface SealedBox {
  iv: string;
  tag: string;
  data: string;
}

const IV_BYTES = 12;

/**
 * Seals signing keys at rest under a key derived from KEY_ENCRYPTION_SECRET (HKDF-SHA256,
 * then AES-256-GCM). The record's id is bound in as associated data, so a sealed key
 * copied onto another record fails to open.
 */
export class KeyEncryption {
  private readonly key: Buffer;

  constructor(secret: string) {
    const derived = hkdfSync('sha256', secret, 'lucid-auth', 'signing-keys/v1', 32);
    this.key = Buffer.from(derived);
  }

  /** Encrypts `plaintext`, binding it to `recordId`. */
  seal(plaintext: Uint8Array, recordId: string): SealedBox {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(recordId));
    const data = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return {
      iv: iv.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
      data: data.toString('base64'),
    };
  }

  /** Decrypts a box sealed for `recordId`; throws when the secret or record differs. */
  open(box: SealedBox, recordId: string): Buffer {
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(box.iv, 'base64'));
    decipher.setAAD(Buffer.from(recordId));
    decipher.setAuthTag(Buffer.from(box.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(box.data, 'base64')), decipher.final()]);
  }
}

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { loadConfig } from '../../../service/src/config/config.js';

const STRONG_SECRET = 'q7F2vK9xLm3PzR8wT5yB1nH6jD4gC0sA+e/U';

const production = {
  NODE_ENV: 'production',
  MONGODB_URI: 'mongodb://db.internal:27017/',
  REDIS_URI: 'redis://cache.internal:6379/',
  KEY_ENCRYPTION_SECRET: STRONG_SECRET,
  PUBLIC_ORIGIN: 'https://auth.example.com',
};

function secretFile(content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'lucid-config-')), 'secret');
  writeFileSync(path, content);
  return path;
}

describe('configuration from the environment', () => {
  it('fills every default the service documents', () => {
    const config = loadConfig({ NODE_ENV: 'development' });

    expect(config).toMatchObject({
      serviceName: 'lucid-auth-service',
      host: '127.0.0.1',
      port: 8089,
      mongodbDatabase: 'lucid_auth',
      accessTokenExpireMinutes: 15,
      refreshTokenExpireDays: 7,
      challengeExpireSeconds: 300,
      tronNetwork: 'mainnet',
      publicOrigin: 'http://127.0.0.1:8089',
      trustProxy: false,
      rateLimitUnauthenticated: 100,
      rateLimitAuthenticated: 1000,
      rateLimitAdmin: 10000,
      lockoutMaxAttempts: 5,
      lockoutWindowMinutes: 15,
      lockoutDurationMinutes: 15,
      supportedHardwareWallets: ['ledger', 'trezor', 'keepkey'],
      hardwareWalletTimeout: 30,
      superAdminAddresses: [],
      stepUpRequiredActions: [],
      auditRetentionDays: 90,
    });
  });

  it('accepts a complete production environment', () => {
    const config = loadConfig(production);

    expect(config.nodeEnv).toBe('production');
    expect(config.keyEncryptionSecret).toBe(STRONG_SECRET);
  });

  it('defaults to production, so a bare environment is refused', () => {
    expect(() => loadConfig({})).toThrow(
      'Invalid configuration: KEY_ENCRYPTION_SECRET: required when NODE_ENV=production',
    );
  });

  it('reads secrets from *_FILE, dropping one trailing newline', () => {
    const config = loadConfig({
      ...production,
      KEY_ENCRYPTION_SECRET: undefined,
      KEY_ENCRYPTION_SECRET_FILE: secretFile(`${STRONG_SECRET}\n`),
      MONGODB_URI: undefined,
      MONGODB_URI_FILE: secretFile('mongodb://from-file:27017/'),
    });

    expect(config.keyEncryptionSecret).toBe(STRONG_SECRET);
    expect(config.mongodbUri).toBe('mongodb://from-file:27017/');
  });

  it('refuses a secret given both directly and as a file', () => {
    expect(() =>
      loadConfig({ ...production, KEY_ENCRYPTION_SECRET_FILE: secretFile(STRONG_SECRET) }),
    ).toThrow(
      'KEY_ENCRYPTION_SECRET: set either KEY_ENCRYPTION_SECRET or KEY_ENCRYPTION_SECRET_FILE',
    );
  });

  it('names the file when a secret file cannot be read', () => {
    expect(() =>
      loadConfig({
        ...production,
        KEY_ENCRYPTION_SECRET: undefined,
        KEY_ENCRYPTION_SECRET_FILE: '/nonexistent/secret',
      }),
    ).toThrow('KEY_ENCRYPTION_SECRET_FILE: cannot read /nonexistent/secret (ENOENT)');
  });

  it('refuses short, repetitive or placeholder secrets in production', () => {
    const cases: [string, string][] = [
      ['short', 'must be at least 32 bytes'],
      ['a'.repeat(40), 'too few distinct characters'],
      ['changeme-Q7F2vK9xLm3PzR8wT5yB1nH6jD4', 'contains "changeme"'],
    ];
    for (const [secret, problem] of cases) {
      expect(() => loadConfig({ ...production, KEY_ENCRYPTION_SECRET: secret })).toThrow(problem);
    }
  });

  it('names the variable holding a bad number or choice', () => {
    expect(() => loadConfig({ ...production, PORT: 'eighty' })).toThrow(
      'Invalid configuration: PORT: expected an integer, got "eighty"',
    );
    expect(() => loadConfig({ ...production, ACCESS_TOKEN_EXPIRE_MINUTES: '0' })).toThrow(
      'ACCESS_TOKEN_EXPIRE_MINUTES: expected an integer from 1 to 1440, got 0',
    );
    expect(() => loadConfig({ ...production, TRON_NETWORK: 'ropsten' })).toThrow(
      'TRON_NETWORK: expected one of mainnet, shasta, nile, got "ropsten"',
    );
  });

  it('requires an https origin without a path in production', () => {
    expect(() => loadConfig({ ...production, PUBLIC_ORIGIN: 'http://auth.example.com' })).toThrow(
      'PUBLIC_ORIGIN: must use https outside development and test',
    );
    expect(() =>
      loadConfig({ ...production, PUBLIC_ORIGIN: 'https://auth.example.com/login' }),
    ).toThrow('PUBLIC_ORIGIN: must be an origin only');
  });

  it('reads trust proxy settings and lists', () => {
    const hops = loadConfig({ ...production, TRUST_PROXY: '2' });
    const cidrs = loadConfig({ ...production, TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' });

    expect(hops.trustProxy).toBe(2);
    expect(cidrs.trustProxy).toEqual(['10.0.0.0/8', '127.0.0.1']);
    expect(() => loadConfig({ ...production, TRUST_PROXY: 'everyone' })).toThrow('TRUST_PROXY');
  });

  it('refuses super-admin entries that are not TRON addresses', () => {
    expect(() => loadConfig({ ...production, SUPER_ADMIN_ADDRESSES: 'TNotAnAddress' })).toThrow(
      'SUPER_ADMIN_ADDRESSES: "TNotAnAddress" is not a TRON address',
    );
  });

  it('names the hardware-wallet and step-up settings at once, before any server is reached', () => {
    const env = { ...production, MONGODB_URI: 'mongodb://127.0.0.1:1/' };

    expect(() => loadConfig({ ...env, SUPPORTED_HARDWARE_WALLETS: 'ledger,yubikey' })).toThrow(
      'SUPPORTED_HARDWARE_WALLETS: unknown type "yubikey"; known types: ledger, trezor, keepkey',
    );
    expect(() => loadConfig({ ...env, STEP_UP_REQUIRED_ACTIONS: 'profile:read-own' })).toThrow(
      'STEP_UP_REQUIRED_ACTIONS: "profile:read-own" is not one of',
    );
    expect(loadConfig({ ...env, STEP_UP_REQUIRED_ACTIONS: 'roles:change' })).toMatchObject({
      stepUpRequiredActions: ['roles:change'],
      supportedHardwareWallets: ['ledger', 'trezor', 'keepkey'],
    });
  });

  it('refuses a key rotation shorter than an access token lifetime', () => {
    expect(() =>
      loadConfig({
        ...production,
        ACCESS_TOKEN_EXPIRE_MINUTES: '120',
        SIGNING_KEY_ROTATION_HOURS: '1',
      }),
    ).toThrow('SIGNING_KEY_ROTATION_HOURS');
  });
});

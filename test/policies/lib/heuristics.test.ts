import { describe, expect, it } from 'vitest';

import { forbiddenProgram } from '../../../policies/lib/commands.js';
import {
  isPinnedByDigest,
  parseImageReference,
  resolvesToLatest,
} from '../../../policies/lib/images.js';
import { disablesTls, isSecretName, literalSecretReason } from '../../../policies/lib/secrets.js';
import { DATASTORES, isDatastore, SERVICE } from '../../../policies/lib/matchers.js';
import { selects, selectsEverything } from '../../../policies/lib/selectors.js';

const DIGEST = `sha256:${'0'.repeat(64)}`;

describe('image references', () => {
  it('tell a registry port from a tag', () => {
    expect(parseImageReference('registry.local:5000/app')).toEqual({
      repository: 'registry.local:5000/app',
      tag: undefined,
      digest: undefined,
      isImageId: false,
    });
    expect(parseImageReference(`registry.local:5000/app:1.0@${DIGEST}`)).toMatchObject({
      repository: 'registry.local:5000/app',
      tag: '1.0',
      digest: DIGEST,
    });
  });

  it('accept a bare image id as pinned', () => {
    expect(isPinnedByDigest(DIGEST)).toBe(true);
    expect(isPinnedByDigest('app@sha256:short')).toBe(false);
  });

  it('count an untagged, unpinned name as latest, but not a pinned latest', () => {
    expect(resolvesToLatest('mongo')).toBe(true);
    expect(resolvesToLatest(`mongo:latest@${DIGEST}`)).toBe(false);
    expect(resolvesToLatest('mongo:7.0')).toBe(false);
  });
});

describe('secret detection', () => {
  it('flags secret names but not references to secret files', () => {
    expect(isSecretName('REDIS_PASSWORD')).toBe(true);
    expect(isSecretName('JWT_SIGNING_KEY')).toBe(true);
    expect(isSecretName('REDIS_PASSWORD_FILE')).toBe(false);
    expect(isSecretName('MONKEY_BUSINESS')).toBe(false);
  });

  it('ignores durations and numbers under secret-looking names', () => {
    expect(literalSecretReason('ACCESS_TOKEN_TTL', '15m')).toBeUndefined();
    expect(literalSecretReason('REFRESH_TOKEN_DAYS', '30')).toBeUndefined();
    expect(literalSecretReason('API_TOKEN', 'tk_live_abc')).toBe(
      'API_TOKEN holds a literal secret value',
    );
  });

  it('finds a password in any URL and a private key under any name', () => {
    expect(literalSecretReason('CACHE', 'redis://default:pw@redis:6379')).toBe(
      'CACHE holds a URL with an embedded password',
    );
    expect(literalSecretReason('CACHE', 'redis://redis:6379')).toBeUndefined();
    expect(literalSecretReason('CERT', '-----BEGIN EC PRIVATE KEY-----\nabc')).toBe(
      'CERT holds a PEM private key',
    );
  });

  it('knows the variables that switch TLS verification off', () => {
    expect(disablesTls('node_tls_reject_unauthorized', ' 0 ')).toBe(true);
    expect(disablesTls('NODE_TLS_REJECT_UNAUTHORIZED', '1')).toBe(false);
    expect(disablesTls('NPM_CONFIG_STRICT_SSL', 'false')).toBe(true);
  });
});

describe('forbiddenProgram', () => {
  it('finds shells and HTTP clients by base name anywhere in the command', () => {
    expect(forbiddenProgram(['/bin/sh', '-c', 'true'])).toBe('sh');
    expect(forbiddenProgram(['env', 'curl -f x'])).toBe('curl');
    expect(forbiddenProgram(['/nodejs/bin/node', '/app/healthcheck.js'])).toBeUndefined();
  });
});

describe('label selectors', () => {
  const labels = { app: 'auth', tier: 'web' };

  it('apply every requirement of matchExpressions', () => {
    expect(
      selects({ matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['db'] }] }, labels),
    ).toBe(true);
    expect(selects({ matchExpressions: [{ key: 'zone', operator: 'Exists' }] }, labels)).toBe(
      false,
    );
    expect(selects({ matchExpressions: [{ key: 'zone', operator: 'DoesNotExist' }] }, labels)).toBe(
      true,
    );
    expect(
      selects(
        {
          matchLabels: { app: 'auth' },
          matchExpressions: [{ key: 'tier', operator: 'In', values: ['db'] }],
        },
        labels,
      ),
    ).toBe(false);
  });

  it('treat an empty selector as selecting everything', () => {
    expect(selects({}, labels)).toBe(true);
    expect(selectsEverything({ matchLabels: {} })).toBe(true);
    expect(selectsEverything({ matchLabels: { app: 'auth' } })).toBe(false);
  });
});

describe('isDatastore', () => {
  const unreadable = () => {
    throw new Error('the image was read');
  };

  it('decides by name when a name says datastore or service, without reading the image', () => {
    expect(isDatastore(DATASTORES, SERVICE, { names: ['lucid-redis'], image: unreadable })).toBe(
      true,
    );
    expect(
      isDatastore(DATASTORES, SERVICE, { names: ['lucid-auth-service'], image: unreadable }),
    ).toBe(false);
  });

  it('lets a datastore name win over a service name', () => {
    expect(
      isDatastore(DATASTORES, SERVICE, { names: ['lucid-auth-mongodb'], image: unreadable }),
    ).toBe(true);
  });

  it('falls back to the image when the names say nothing', () => {
    const image = () => `docker.io/library/redis:7.4@${DIGEST}`;
    expect(isDatastore(DATASTORES, SERVICE, { names: ['cache'], image })).toBe(true);
    expect(isDatastore(DATASTORES, SERVICE, { names: ['cache'], image: () => 'nginx:1' })).toBe(
      false,
    );
  });
});

import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';

import { buildTestApp } from '../helpers/app.js';
import { challengeFor, signIn, TestWallet } from '../helpers/wallet.js';

// TRON's CAIP-2 references: the last four bytes of each network's genesis block hash.
const CHAIN_IDS = { shasta: 'tron:2494104990', nile: 'tron:3448148188' } as const;

describe('sign-in on a TRON testnet', () => {
  let app: FastifyInstance;

  afterEach(async () => {
    await app.close();
  });

  it.each(Object.entries(CHAIN_IDS))(
    'names %s by its chain id and signs in on it',
    async (net, id) => {
      app = await buildTestApp({ env: { TRON_NETWORK: net } });
      const wallet = new TestWallet();

      const message = await challengeFor(app, wallet);
      const tokens = await signIn(app, wallet, 'register');

      expect(message).toContain(`\nChain ID: ${id}\n`);
      expect(tokens.user.address).toBe(wallet.address);
    },
  );
});

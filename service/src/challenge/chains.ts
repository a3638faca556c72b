import type { Config } from '../config/config.js';

// TRON's chain id is the last four bytes of the network's genesis block hash, read as an
// unsigned integer (the value `eth_chainId` answers on TRON's JSON-RPC): mainnet 0x2b6653dc,
// Shasta 0x94a9059e, Nile 0xcd8690dc.
const CHAIN_REFERENCES: Record<Config['tronNetwork'], string> = {
  mainnet: '728126428',
  shasta: '2494104990',
  nile: '3448148188',
};

/** The CAIP-2 chain id of a TRON network, such as `tron:728126428`. */
export function chainIdOf(network: Config['tronNetwork']): string {
  return `tron:${CHAIN_REFERENCES[network]}`;
}

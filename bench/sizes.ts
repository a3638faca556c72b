/** How much work each item does; `quick` only proves the bench runs. */
export interface BenchSizes {
  recovery: { signatures: number; rounds: number; roundMs: number };
  http: {
    /** Connections the two routes are compared at. */
    concurrencies: number[];
    /** Each run lasts this long (seconds), or stops after `amount` requests when set. */
    seconds: number;
    amount?: number;
    /** Alternating runs per side; the better one counts (least disturbed by other work). */
    rounds: number;
  };
  /** Connections and length of the fixed-rate latency run at half of peak. */
  latency: { connections: number; seconds: number; amount?: number };
  /**
   * Sign-in and refresh loops: accounts, the client concurrencies each is measured at (the
   * best counts), the length of each run and of the unmeasured warm-up before them.
   */
  flows: {
    wallets: number;
    concurrencies: number[];
    seconds: number;
    warmupSeconds: number;
    maxOps?: number;
  };
}

/** Sizes for a real measurement: about five minutes on two cores. */
export const FULL: BenchSizes = {
  recovery: { signatures: 256, rounds: 7, roundMs: 700 },
  http: { concurrencies: [1, 10, 50], seconds: 5, rounds: 2 },
  latency: { connections: 16, seconds: 10 },
  flows: { wallets: 64, concurrencies: [16, 64], seconds: 10, warmupSeconds: 15 },
};

/** Tiny sizes for CI: every code path once, in seconds; the figures mean nothing. */
export const QUICK: BenchSizes = {
  recovery: { signatures: 8, rounds: 1, roundMs: 20 },
  http: { concurrencies: [1, 4], seconds: 1, amount: 100, rounds: 1 },
  latency: { connections: 2, seconds: 1, amount: 50 },
  flows: { wallets: 4, concurrencies: [2], seconds: 1, warmupSeconds: 1, maxOps: 20 },
};

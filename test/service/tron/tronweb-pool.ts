import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

/** A message and signature for tronweb to check. */
export interface SignedInput {
  message: string;
  signature: string;
}

const WORKER = new URL('./tronweb-worker.mjs', import.meta.url);

/**
 * tronweb's verifyMessageV2 on every input, split across one worker per core: the signer's
 * base58 address, or 'refused' where tronweb throws. Results keep the input order.
 */
export async function tronwebVerifyAll(inputs: SignedInput[]): Promise<string[]> {
  const workers = Math.max(2, availableParallelism());
  const size = Math.ceil(inputs.length / workers);
  const shares = Array.from({ length: workers }, (_, i) => inputs.slice(i * size, (i + 1) * size));

  const results = await Promise.all(
    shares.map(
      (share) =>
        new Promise<string[]>((resolve, reject) => {
          const worker = new Worker(WORKER, { workerData: share });
          worker.once('message', (result: string[]) => resolve(result));
          worker.once('error', reject);
        }),
    ),
  );
  return results.flat();
}

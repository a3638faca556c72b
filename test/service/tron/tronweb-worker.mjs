// Runs tronweb's verifyMessageV2 (pure JavaScript, about 2 ms a call) on a share of the
// cases, so the equivalence suite can use every core.
import { parentPort, workerData } from 'node:worker_threads';

import { Trx } from 'tronweb';

const results = workerData.map(({ message, signature }) => {
  try {
    return Trx.verifyMessageV2(message, signature);
  } catch {
    return 'refused';
  }
});
parentPort.postMessage(results);

/** Thrown by `withinDeadline` when the work has not settled in time. */
export class DeadlineExceeded extends Error {
  readonly code = 'DEADLINE_EXCEEDED';

  constructor(what: string, ms: number) {
    super(`${what} did not finish within ${ms} ms`);
    this.name = 'DeadlineExceeded';
  }
}

/**
 * Settles as `work` does, or rejects with DeadlineExceeded after `ms`. The work itself is
 * not cancelled (the MongoDB and Redis clients offer no cancellation); its late result is
 * dropped.
 */
export async function withinDeadline<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new DeadlineExceeded(what, ms)), ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

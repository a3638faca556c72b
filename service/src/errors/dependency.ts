import {
  MongoBulkWriteError,
  MongoNetworkError,
  MongoNotConnectedError,
  MongoOperationTimeoutError,
  MongoServerSelectionError,
  MongoTopologyClosedError,
} from 'mongodb';

// ioredis reports an unreachable server through plain Errors; these are its messages.
const REDIS_UNAVAILABLE = [
  'Connection is closed',
  "Stream isn't writeable",
  'Command timed out',
  'Reached the max retries per request limit',
  'connect ECONNREFUSED',
];

/**
 * True when an error means MongoDB or Redis could not be reached (as opposed to a bug),
 * which the client sees as a retryable 503.
 */
export function isDependencyFailure(error: unknown): boolean {
  if (
    error instanceof MongoNetworkError ||
    error instanceof MongoServerSelectionError ||
    error instanceof MongoNotConnectedError ||
    error instanceof MongoTopologyClosedError ||
    error instanceof MongoOperationTimeoutError
  ) {
    return true;
  }
  // A batched insert reports a dropped connection as a bulk write error wrapping it.
  if (error instanceof MongoBulkWriteError) return isDependencyFailure(error.errorResponse);
  if (!(error instanceof Error)) return false;
  if (error.name === 'MaxRetriesPerRequestError') return true;
  return REDIS_UNAVAILABLE.some((text) => error.message.includes(text));
}

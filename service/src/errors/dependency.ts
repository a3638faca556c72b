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

// Socket errors of a dropped connection. The drivers wrap most of them, but not all: a write
// the MongoDB driver makes after the server's FIN arrived (a server killed mid-batch) reaches
// a bulk write error as Node's own EPIPE ("This socket has been ended by the other party").
// The service opens no other outbound connection, so these always mean a storage server.
const SOCKET_ERROR_CODES = new Set([
  'EPIPE',
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ETIMEDOUT',
  'ENOTCONN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

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
  const { code } = error as NodeJS.ErrnoException;
  if (code !== undefined && SOCKET_ERROR_CODES.has(code)) return true;
  if (error.name === 'MaxRetriesPerRequestError') return true;
  return REDIS_UNAVAILABLE.some((text) => error.message.includes(text));
}

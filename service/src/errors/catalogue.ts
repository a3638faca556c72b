/**
 * The one error catalogue: every error a client can see, with its HTTP status and the
 * message it carries. Codes are stable; clients switch on them.
 */
export const ERRORS = {
  VALIDATION_ERROR: { status: 400, message: 'The request does not match the schema' },
  INVALID_JSON: { status: 400, message: 'The request body is not valid JSON' },
  BAD_REQUEST: { status: 400, message: 'The request is malformed' },
  INVALID_ADDRESS: { status: 400, message: 'The address is not a valid TRON base58 address' },
  INVALID_SIGNATURE: {
    status: 400,
    message: 'The signature is not a valid TIP-191 signature of the message',
  },
  INVALID_CURSOR: { status: 400, message: 'The cursor is not one this service issued' },
  HARDWARE_WALLET_UNSUPPORTED: {
    status: 400,
    message: 'This hardware wallet type is not accepted by this deployment',
  },
  HARDWARE_WALLET_PROOF_REJECTED: {
    status: 400,
    message: 'The signed challenge was not accepted: request a new one and sign it in time',
  },
  AUTHENTICATION_FAILED: {
    status: 401,
    message: 'Sign-in failed: request a new challenge and sign it with the account key',
  },
  AUTHENTICATION_REQUIRED: { status: 401, message: 'A bearer access token is required' },
  ACCESS_TOKEN_INVALID: {
    status: 401,
    message: 'The access token is invalid, expired or revoked',
  },
  REFRESH_TOKEN_INVALID: {
    status: 401,
    message: 'The refresh token is invalid, expired or revoked: sign in again',
  },
  FORBIDDEN: { status: 403, message: 'The account may not perform this action' },
  STEP_UP_REQUIRED: {
    status: 403,
    message: 'This action needs a session stepped up with a registered hardware wallet',
  },
  NOT_FOUND: { status: 404, message: 'No such resource' },
  ROUTE_NOT_FOUND: { status: 404, message: 'No route matches this method and path' },
  ACCOUNT_EXISTS: {
    status: 409,
    message: 'An account already exists for this address: sign in instead',
  },
  HARDWARE_WALLET_EXISTS: {
    status: 409,
    message: 'This address is already registered as a hardware wallet',
  },
  HARDWARE_WALLET_IS_ACCOUNT_KEY: {
    status: 409,
    message: "The account's own sign-in address cannot be its hardware wallet: use a second key",
  },
  LAST_SUPER_ADMIN: {
    status: 409,
    message: 'The last SUPER_ADMIN cannot lose the role: grant it to another account first',
  },
  ROLE_CHANGE_IN_PROGRESS: {
    status: 409,
    message: 'Another role change is in progress: retry shortly',
  },
  BODY_TOO_LARGE: { status: 413, message: 'The request body is too large' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'The request body must be application/json' },
  RATE_LIMITED: { status: 429, message: 'Too many requests: retry after the given time' },
  LOCKED_OUT: {
    status: 429,
    message: 'Too many failed sign-ins: retry after the given time',
  },
  INTERNAL_ERROR: { status: 500, message: 'An internal error occurred' },
  DEPENDENCY_UNAVAILABLE: {
    status: 503,
    message: 'A storage dependency is unavailable: retry shortly',
  },
} as const satisfies Record<string, { status: number; message: string }>;

/** A stable error code from the catalogue. */
export type ErrorCode = keyof typeof ERRORS;

/** The JSON body of every error response. */
export interface ErrorBody {
  statusCode: number;
  code: ErrorCode;
  error: string;
  message: string;
}

import { ERRORS, type ErrorCode } from './catalogue.js';

/** Options for an AppError beyond its code. */
export interface AppErrorOptions {
  /** Replaces the catalogue message; must never carry secrets. */
  message?: string;
  /** Extra response headers, such as Retry-After. */
  headers?: Record<string, string>;
  cause?: unknown;
}

/** An error with a catalogue code; the error handler turns it into the response. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly statusCode: number;
  readonly headers: Record<string, string>;

  constructor(code: ErrorCode, options: AppErrorOptions = {}) {
    super(options.message ?? ERRORS[code].message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.statusCode = ERRORS[code].status;
    this.headers = options.headers ?? {};
  }
}

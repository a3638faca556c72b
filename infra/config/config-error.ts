/** Stable codes for infrastructure errors a stack reports before it declares anything. */
export type InfraErrorCode = 'CONFIG_INVALID' | 'CONFIG_UNKNOWN_KEY';

/** A stack setting that is missing, malformed or contradicts another. */
export class InfraConfigError extends Error {
  override readonly name = 'InfraConfigError';

  constructor(
    readonly code: InfraErrorCode,
    message: string,
  ) {
    super(message);
  }
}

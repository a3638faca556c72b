/** A configuration value that stops the service from starting; names the variable. */
export class ConfigError extends Error {
  /** The environment variable at fault. */
  readonly variable: string;

  constructor(variable: string, problem: string) {
    super(`Invalid configuration: ${variable}: ${problem}`);
    this.name = 'ConfigError';
    this.variable = variable;
  }
}

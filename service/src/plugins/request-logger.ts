import type { FastifyBaseLogger } from 'fastify';
import type { Bindings, ChildLoggerOptions, LevelWithSilentOrString, LogFn } from 'pino';

const LOG_METHODS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'] as const;
type LogMethod = (typeof LOG_METHODS)[number];

/**
 * A request's logger whose pino child (bound to the request id) is made at its first use.
 * Fastify makes a child for every request, and pino serializes its bindings at once: about
 * 1.4 µs, a thirtieth of a users/me request. Most requests never log through it: the line
 * every request writes goes through a logger of its own (installRequestLogging).
 */
class DeferredChildLogger implements FastifyBaseLogger {
  // One method per level, defined on the prototype below.
  declare fatal: LogFn;
  declare error: LogFn;
  declare warn: LogFn;
  declare info: LogFn;
  declare debug: LogFn;
  declare trace: LogFn;

  private made: FastifyBaseLogger | undefined;

  constructor(
    private readonly parent: FastifyBaseLogger,
    private readonly bindings: Bindings,
    private readonly options: ChildLoggerOptions,
  ) {}

  get level(): LevelWithSilentOrString {
    return this.made?.level ?? this.options.level ?? this.parent.level;
  }

  set level(level: LevelWithSilentOrString) {
    this.resolved().level = level;
  }

  silent(): void {}

  child(bindings: Bindings, options?: ChildLoggerOptions): FastifyBaseLogger {
    return this.resolved().child(bindings, options);
  }

  write(method: LogMethod, args: unknown[]): void {
    const logger = this.resolved();
    Reflect.apply(logger[method], logger, args);
  }

  private resolved(): FastifyBaseLogger {
    this.made ??= this.parent.child(this.bindings, this.options);
    return this.made;
  }
}

for (const method of LOG_METHODS) {
  Object.defineProperty(DeferredChildLogger.prototype, method, {
    value: function (this: DeferredChildLogger, ...args: unknown[]) {
      this.write(method, args);
    },
  });
}

/** Fastify's `childLoggerFactory`: a request logger that binds the request id when used. */
export function deferredChildLogger(
  logger: FastifyBaseLogger,
  bindings: Bindings,
  options: ChildLoggerOptions,
): FastifyBaseLogger {
  return new DeferredChildLogger(logger, bindings, options);
}

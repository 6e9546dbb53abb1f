import { ZenError, type ZenErrorOptions } from './zen-error.js';

/** Why the window could not be had: a real 429, waiting was off, or waiting would pass `maxWaitMs`. */
export type RateLimitReason = 'api' | 'fail-mode' | 'max-wait';

/** What a rate-limit error knows about the token's window. */
export interface RateLimitedErrorOptions extends ZenErrorOptions {
  reason: RateLimitReason;
  /** When the next request may be sent (or, in a queue, when this caller's turn is expected). */
  retryAt: Date;
  /** `retryAt` as a duration from when the error was made. */
  retryAfterMs: number;
  /** The API's window as configured (`minIntervalMs`), so hosts can say "one request per …". */
  windowMs: number;
  /** When the server says it last accepted a request for this token. */
  lastRequestAt?: Date;
  /** This caller's place in the token's queue, 1 = next. */
  position?: number;
}

/**
 * The token's window is taken: the API answered 429 (`source` `'api'`), or the guard refused to
 * send (`source` `'window'`, nothing was sent) because waiting was off or would pass `maxWaitMs`.
 *
 * @example
 * ```ts
 * catch (error) { if (error instanceof RateLimitedError) scheduleRetry(error.retryAt); }
 * ```
 */
export class RateLimitedError extends ZenError {
  override name: string = 'RateLimitedError';
  override readonly code: 'ZEN_RATE_LIMITED' = 'ZEN_RATE_LIMITED';
  readonly reason: RateLimitReason;
  readonly source: 'api' | 'window';
  readonly retryAt: Date;
  readonly retryAfterMs: number;
  readonly windowMs: number;
  readonly lastRequestAt: Date | undefined;
  readonly position: number | undefined;

  constructor(problem: string, hint: string, options: RateLimitedErrorOptions) {
    super(problem, hint, options);
    this.reason = options.reason;
    this.source = options.reason === 'api' ? 'api' : 'window';
    this.retryAt = options.retryAt;
    this.retryAfterMs = options.retryAfterMs;
    this.windowMs = options.windowMs;
    this.lastRequestAt = options.lastRequestAt;
    this.position = options.position;
  }

  protected override details(): Record<string, unknown> {
    return {
      reason: this.reason,
      source: this.source,
      retryAt: this.retryAt.toISOString(),
      retryAfterMs: this.retryAfterMs,
      windowMs: this.windowMs,
      lastRequestAt: this.lastRequestAt?.toISOString(),
      position: this.position,
    };
  }
}

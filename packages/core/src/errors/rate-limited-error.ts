import { ZenError, type ZenErrorOptions } from './zen-error.js';

/** What a rate-limit error knows about the token's window. */
export interface RateLimitedErrorOptions extends ZenErrorOptions {
  /** When the server says it last accepted a request for this token. */
  lastRequestAt?: Date;
  /** When the next request may be sent. */
  retryAt: Date;
  /** `retryAt` as a duration from when the error was made. */
  retryAfterMs: number;
}

/**
 * The token's window is taken: either the API answered 429, or our own guard refused to send
 * (`status` undefined, nothing was sent) because waiting was off or would pass `maxWaitMs`.
 */
export class RateLimitedError extends ZenError {
  override name: string = 'RateLimitedError';
  override readonly code: string = 'ZEN_RATE_LIMITED';
  readonly lastRequestAt: Date | undefined;
  readonly retryAt: Date;
  readonly retryAfterMs: number;

  constructor(message: string, options: RateLimitedErrorOptions) {
    super(message, options);
    this.lastRequestAt = options.lastRequestAt;
    this.retryAt = options.retryAt;
    this.retryAfterMs = options.retryAfterMs;
  }

  protected override details(): Record<string, unknown> {
    return {
      lastRequestAt: this.lastRequestAt?.toISOString(),
      retryAt: this.retryAt.toISOString(),
      retryAfterMs: this.retryAfterMs,
    };
  }
}

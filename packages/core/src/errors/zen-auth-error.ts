import { ZenError, type ZenErrorOptions } from './zen-error.js';

/** Why the API refused the token, read from its message. */
export type ZenAuthReason = 'missing' | 'invalid' | 'disabled' | 'unauthorized' | 'unknown';

/** What a 401 error knows besides its reason. */
export interface ZenAuthErrorOptions extends ZenErrorOptions {
  /** True when the API was not asked: it refused this token moments ago and the refusal is remembered. */
  remembered?: boolean;
  /** When a remembered refusal lapses and the API may be asked again. */
  retryAt?: Date;
}

/** HTTP 401: the token is missing, invalid, disabled, or not allowed this resource. */
export class ZenAuthError extends ZenError {
  override name: string = 'ZenAuthError';
  override readonly code: 'ZEN_AUTH' = 'ZEN_AUTH';
  readonly reason: ZenAuthReason;
  readonly remembered: boolean;
  readonly retryAt: Date | undefined;

  constructor(problem: string, hint: string, reason: ZenAuthReason, options: ZenAuthErrorOptions = {}) {
    super(problem, hint, { status: 401, ...options });
    this.reason = reason;
    this.remembered = options.remembered === true;
    this.retryAt = options.retryAt;
  }

  protected override details(): Record<string, unknown> {
    return { reason: this.reason, ...(this.remembered ? { remembered: true } : {}), ...(this.retryAt ? { retryAt: this.retryAt.toISOString() } : {}) };
  }
}

import { ZenError, type ZenErrorOptions } from './zen-error.js';

/** Why the API refused the token, read from its message. */
export type ZenAuthReason = 'missing' | 'invalid' | 'disabled' | 'unauthorized' | 'unknown';

/** HTTP 401: the token is missing, invalid, disabled, or not allowed this resource. */
export class ZenAuthError extends ZenError {
  override name: string = 'ZenAuthError';
  override readonly code: string = 'ZEN_AUTH';
  readonly reason: ZenAuthReason;

  constructor(problem: string, hint: string, reason: ZenAuthReason, options: ZenErrorOptions = {}) {
    super(problem, hint, { status: 401, ...options });
    this.reason = reason;
  }

  protected override details(): Record<string, unknown> {
    return { reason: this.reason };
  }
}

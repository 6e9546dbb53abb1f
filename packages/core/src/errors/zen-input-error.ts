import { ZenError } from './zen-error.js';

/** Which input was wrong: an option's name (`date` is the day passed to `getTotals`). */
export type ZenInputField =
  | 'date'
  | 'url'
  | 'token'
  | 'onRateLimit'
  | 'maxWaitMs'
  | 'minIntervalMs'
  | 'windowMarginMs'
  | 'timeoutMs'
  | 'retries'
  | 'maxBodyBytes'
  | 'pastDayCacheTtlMs'
  | 'from'
  | 'to'
  | 'options';

/** What was wrong with it, for hosts that word their own hint. */
export type ZenInputReason =
  | 'missing'
  | 'type'
  | 'format'
  | 'nonexistent'
  | 'future'
  | 'not-absolute'
  | 'scheme'
  | 'userinfo'
  | 'token-in-url'
  | 'insecure-http'
  | 'characters'
  | 'too-long'
  | 'range'
  | 'open-day';

/**
 * Bad input caught before any request: nothing was sent, no rate-limit window was spent.
 *
 * @example
 * ```ts
 * catch (error) { if (error instanceof ZenInputError && error.field === 'date') askForAnotherDay(); }
 * ```
 */
export class ZenInputError extends ZenError {
  override name: string = 'ZenInputError';
  override readonly code: 'ZEN_INPUT' = 'ZEN_INPUT';
  readonly field: ZenInputField;
  readonly reason: ZenInputReason;

  constructor(field: ZenInputField, reason: ZenInputReason, problem: string, hint: string) {
    super(problem, hint);
    this.field = field;
    this.reason = reason;
  }

  protected override details(): Record<string, unknown> {
    return { field: this.field, reason: this.reason };
  }
}

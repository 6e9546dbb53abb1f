/** Marks our errors across realms (two copies of the package, a worker, n8n's sandbox). */
const ZEN_ERROR_BRAND: unique symbol = Symbol.for('zen-leads.error') as never;

/**
 * Every error code this repository's errors carry: a literal union, so a host maps codes to its
 * own words in one exhaustive table (`Record<ZenErrorCode, …>`) and the compiler finds a new one.
 * `ZEN_GATEWAY_CONFIG` is thrown by `@zen-leads/gateway`, on the same base.
 */
export type ZenErrorCode =
  | 'ZEN_ERROR'
  | 'ZEN_INPUT'
  | 'ZEN_AUTH'
  | 'ZEN_RATE_LIMITED'
  | 'ZEN_NETWORK'
  | 'ZEN_RESPONSE'
  | 'ZEN_BAD_REQUEST'
  | 'ZEN_METHOD'
  | 'ZEN_SERVER'
  | 'ZEN_GATEWAY_CONFIG';

/** What every Zen error carries besides its problem and hint. */
export interface ZenErrorOptions {
  /** HTTP status of the response that caused it, when there was one. */
  status?: number;
  /** The API's own `{"error": "…"}` text, when it sent one. */
  apiMessage?: string;
  /** The underlying failure. Never an object that holds request headers (the token travels there). */
  cause?: unknown;
  /** Requests sent for this call that may have reached the API, one per window (reached failures). */
  attempts?: number;
}

/** The plain-data form of an error: what `JSON.stringify` and loggers see. */
export interface ZenErrorJSON {
  name: string;
  code: ZenErrorCode;
  message: string;
  problem: string;
  hint: string;
  status?: number;
  apiMessage?: string;
  [detail: string]: unknown;
}

/**
 * The base of every error this package throws. `problem` says what went wrong and `hint` how to
 * fix it in library terms (option names); hosts such as the CLI or n8n keep the problem and word
 * their own hint from the structured fields, so nobody parses `message`. Never holds the token.
 *
 * @example
 * ```ts
 * try { await zen.getTotals('2026-11-24'); }
 * catch (error) { if (isZenError(error)) console.error(error.code, error.problem); }
 * ```
 */
export class ZenError extends Error {
  override name: string = 'ZenError';
  /** A stable machine-readable code, e.g. `ZEN_AUTH`. */
  readonly code: ZenErrorCode = 'ZEN_ERROR';
  /** What went wrong, one sentence. */
  readonly problem: string;
  /** How to fix it, in the library's terms. */
  readonly hint: string;
  readonly status: number | undefined;
  readonly apiMessage: string | undefined;
  /** How many requests of this call may have reached the API (each spent a window), when known. */
  readonly attempts: number | undefined;

  constructor(problem: string, hint: string, options: ZenErrorOptions = {}) {
    super(hint === '' ? problem : `${problem} ${hint}`, options.cause === undefined ? undefined : { cause: options.cause });
    this.problem = problem;
    this.hint = hint;
    this.status = options.status;
    this.apiMessage = options.apiMessage;
    this.attempts = options.attempts;
    Object.defineProperty(this, ZEN_ERROR_BRAND, { value: true });
  }

  /** Extra fields of subclasses for `toJSON`. */
  protected details(): Record<string, unknown> {
    return {};
  }

  toJSON(): ZenErrorJSON {
    const json: ZenErrorJSON = { name: this.name, code: this.code, message: this.message, problem: this.problem, hint: this.hint };
    if (this.status !== undefined) json.status = this.status;
    if (this.apiMessage !== undefined) json.apiMessage = this.apiMessage;
    if (this.attempts !== undefined) json.attempts = this.attempts;
    return { ...json, ...this.details() };
  }
}

/**
 * True for any Zen error, even one thrown by another copy of this package.
 *
 * @example
 * ```ts
 * if (isZenError(error) && error.code === 'ZEN_RATE_LIMITED') retryLater();
 * ```
 */
export function isZenError(value: unknown): value is ZenError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[ZEN_ERROR_BRAND] === true;
}

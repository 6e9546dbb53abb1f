/** Marks our errors across realms (two copies of the package, a worker, n8n's sandbox). */
const ZEN_ERROR_BRAND: unique symbol = Symbol.for('zen-leads.error') as never;

/** What every Zen error carries besides its message. */
export interface ZenErrorOptions {
  /** HTTP status of the response that caused it, when there was one. */
  status?: number;
  /** The API's own `{"error": "…"}` text, when it sent one. */
  apiMessage?: string;
  /** The underlying failure. Never an object that holds request headers (the token travels there). */
  cause?: unknown;
}

/** The plain-data form of an error: what `JSON.stringify` and loggers see. */
export interface ZenErrorJSON {
  name: string;
  code: string;
  message: string;
  status?: number;
  apiMessage?: string;
  [detail: string]: unknown;
}

/**
 * The base of every error this package throws. Carries the HTTP status and the API's message,
 * never the token: nothing that reaches an error object is built from request headers.
 */
export class ZenError extends Error {
  override name: string = 'ZenError';
  /** A stable machine-readable code, e.g. `ZEN_AUTH`. */
  readonly code: string = 'ZEN_ERROR';
  readonly status: number | undefined;
  readonly apiMessage: string | undefined;

  constructor(message: string, options: ZenErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.status = options.status;
    this.apiMessage = options.apiMessage;
    Object.defineProperty(this, ZEN_ERROR_BRAND, { value: true });
  }

  /** Extra fields of subclasses for `toJSON`. */
  protected details(): Record<string, unknown> {
    return {};
  }

  toJSON(): ZenErrorJSON {
    const json: ZenErrorJSON = { name: this.name, code: this.code, message: this.message };
    if (this.status !== undefined) json.status = this.status;
    if (this.apiMessage !== undefined) json.apiMessage = this.apiMessage;
    return { ...json, ...this.details() };
  }
}

/** True for any Zen error, even one thrown by another copy of this package. */
export function isZenError(value: unknown): value is ZenError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[ZEN_ERROR_BRAND] === true;
}

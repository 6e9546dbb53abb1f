/**
 * Every error the core throws: `ZenError` with its literal `code`, one class per kind (input,
 * auth, rate limit, network, response, 400, 405, 5xx), and `zenErrorOf` to narrow by code.
 */
/** Marks our errors across realms (two copies of the package, a worker, n8n's sandbox). */
const ZEN_ERROR_BRAND: unique symbol = Symbol.for('zen-leads.error') as never;

/**
 * Every error code this repository's errors carry: a literal union, so a host maps codes to its
 * own words in one exhaustive table (`Record<ZenErrorCode, …>`) and the compiler finds a new one.
 * `ZEN_GATEWAY_CONFIG` and `ZEN_ALERT_RULES` are thrown by `@zen-leads/gateway`, on the same base.
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
  | 'ZEN_GATEWAY_CONFIG'
  | 'ZEN_ALERT_RULES';

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
  /** When trying again may succeed (the window frees, a remembered refusal lapses), when known. */
  retryAt?: Date;
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
  /** When trying again may succeed, when known: hosts schedule a retry by it (a Wait node, a cron). */
  readonly retryAt: Date | undefined;

  constructor(problem: string, hint: string, options: ZenErrorOptions = {}) {
    super(hint === '' ? problem : `${problem} ${hint}`, options.cause === undefined ? undefined : { cause: options.cause });
    this.problem = problem;
    this.hint = hint;
    this.status = options.status;
    this.apiMessage = options.apiMessage;
    this.attempts = options.attempts;
    this.retryAt = options.retryAt;
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

/** HTTP 400: the API rejected the `data` parameter (missing, nonexistent or malformed day). */
export class ZenBadRequestError extends ZenError {
  override name: string = 'ZenBadRequestError';
  override readonly code: 'ZEN_BAD_REQUEST' = 'ZEN_BAD_REQUEST';

  constructor(problem: string, hint: string, options: ZenErrorOptions = {}) {
    super(problem, hint, { status: 400, ...options });
  }
}

/** Why the API refused the token, read from its message. */
export type ZenAuthReason = 'missing' | 'invalid' | 'disabled' | 'unauthorized' | 'unknown';

/** What a 401 error knows besides its reason. */
export interface ZenAuthErrorOptions extends ZenErrorOptions {
  /** True when the API was not asked: it refused this token moments ago and the refusal is remembered (`retryAt`: when it lapses). */
  remembered?: boolean;
}

/** HTTP 401: the token is missing, invalid, disabled, or not allowed this resource. */
export class ZenAuthError extends ZenError {
  override name: string = 'ZenAuthError';
  override readonly code: 'ZEN_AUTH' = 'ZEN_AUTH';
  readonly remembered: boolean;

  constructor(
    problem: string,
    hint: string,
    readonly reason: ZenAuthReason,
    options: ZenAuthErrorOptions = {},
  ) {
    super(problem, hint, { status: 401, ...options });
    this.remembered = options.remembered === true;
  }

  protected override details(): Record<string, unknown> {
    return { reason: this.reason, ...(this.remembered ? { remembered: true } : {}), ...(this.retryAt ? { retryAt: this.retryAt.toISOString() } : {}) };
  }
}

/** HTTP 405: the endpoint only answers GET. Seen when the URL points at the wrong resource. */
export class ZenMethodError extends ZenError {
  override name: string = 'ZenMethodError';
  override readonly code: 'ZEN_METHOD' = 'ZEN_METHOD';

  constructor(problem: string, hint: string, options: ZenErrorOptions = {}) {
    super(problem, hint, { status: 405, ...options });
  }
}

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
 * The token's window is taken: the API answered 429 (`source` `'api'`), or the client refused to
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
  /** When the next request may be sent (the base sets it; here it is always known). */
  declare readonly retryAt: Date;
  readonly retryAfterMs: number;
  readonly windowMs: number;
  readonly lastRequestAt: Date | undefined;
  readonly position: number | undefined;

  constructor(problem: string, hint: string, options: RateLimitedErrorOptions) {
    super(problem, hint, options);
    this.reason = options.reason;
    this.source = options.reason === 'api' ? 'api' : 'window';
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

/** HTTP 5xx after the retries ran out. */
export class ZenServerError extends ZenError {
  override name: string = 'ZenServerError';
  override readonly code: 'ZEN_SERVER' = 'ZEN_SERVER';
}

/**
 * What went wrong below HTTP: `unreachable` (refused, unknown host: the request never left, so
 * no window was spent), `connection` (dropped or reset after sending) or `timeout`.
 */
export type ZenNetworkReason = 'timeout' | 'connection' | 'unreachable';

/** Error codes that prove a request never left this machine, so the API cannot have counted it. */
const UNREACHABLE_CODES: ReadonlySet<string> = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ConnectionRefused']);

/** True for a system error code (Node's `ECONNREFUSED`, Bun's `ConnectionRefused`, …) that proves nothing was sent. */
export function isUnreachableCode(code: string | undefined): boolean {
  return code !== undefined && UNREACHABLE_CODES.has(code);
}

/** The request never got a complete answer. */
export class ZenNetworkError extends ZenError {
  override name: string = 'ZenNetworkError';
  override readonly code: 'ZEN_NETWORK' = 'ZEN_NETWORK';
  readonly reason: ZenNetworkReason;

  constructor(problem: string, hint: string, reason: ZenNetworkReason, options: ZenErrorOptions = {}) {
    super(problem, hint, options);
    this.reason = reason;
  }

  protected override details(): Record<string, unknown> {
    return { reason: this.reason };
  }
}

/** Where a response went wrong. */
export interface ZenResponseErrorOptions extends ZenErrorOptions {
  /** The payload path that broke the shape, e.g. `usuarios[3].origem[0].quantidade`. */
  path?: string;
  /** The first characters of a body that was not JSON (an HTML error page, say). */
  excerpt?: string;
  /** `too-large`: the body passed the size cap (`maxBodyBytes`) and was not read to the end. */
  reason?: ZenResponseReason;
}

/** What kind of response problem, where it is not just a shape or a status. */
export type ZenResponseReason = 'too-large';

/** The API answered, but not with what the spec describes: not JSON, not the totals shape, or an undocumented status. */
export class ZenResponseError extends ZenError {
  override name: string = 'ZenResponseError';
  override readonly code: 'ZEN_RESPONSE' = 'ZEN_RESPONSE';
  readonly path: string | undefined;
  readonly excerpt: string | undefined;
  readonly reason: ZenResponseReason | undefined;

  constructor(problem: string, hint: string, options: ZenResponseErrorOptions = {}) {
    super(problem, hint, options);
    this.path = options.path;
    this.excerpt = options.excerpt;
    this.reason = options.reason;
  }

  protected override details(): Record<string, unknown> {
    return { path: this.path, excerpt: this.excerpt, reason: this.reason };
  }
}

/**
 * Any error the client throws, discriminated by its literal `code`: `switch (error.code)` narrows
 * to the class that carries that code's fields (`field` of `ZEN_INPUT`, `retryAt` of
 * `ZEN_RATE_LIMITED`, …).
 */
export type KnownZenError =
  | ZenInputError
  | ZenAuthError
  | RateLimitedError
  | ZenNetworkError
  | ZenResponseError
  | ZenBadRequestError
  | ZenMethodError
  | ZenServerError
  | (ZenError & { readonly code: 'ZEN_ERROR' | 'ZEN_GATEWAY_CONFIG' | 'ZEN_ALERT_RULES' });

/**
 * The Zen error `error` is, narrowed by code, or `undefined` for anything else. Codes, not
 * `instanceof`: an error from another copy of the package (a bundle, a worker) reads the same.
 *
 * @example
 * ```ts
 * const zenError = zenErrorOf(error);
 * if (zenError?.code === 'ZEN_RATE_LIMITED') console.log(zenError.retryAt);
 * ```
 */
export function zenErrorOf(error: unknown): KnownZenError | undefined {
  return isZenError(error) ? (error as KnownZenError) : undefined;
}

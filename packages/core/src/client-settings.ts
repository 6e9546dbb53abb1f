import type { Clock } from './clock.js';
import { isResponseCache, type WindowStore, type ResponseCache, MemoryStore } from './window-store.js';
import { ZenInputError, type ZenError, type ZenInputField } from './errors.js';
import type { WaitEvent, RateLimitMode } from './window-scheduler.js';
import type { ZenTransport } from './transport.js';
import { SHORT_TOKEN } from './token.js';

/** The API's window: one request per 5 minutes per token. */
export const API_WINDOW_MS = 300_000;
/** Added to the window so that the gap between our send and the server's clock never draws a 429. */
export const WINDOW_MARGIN_MS = 1_000;
/** The largest answer read by default: a seeded 120-user day is ≈ 2.3 MB, so 20 MiB leaves room and stops a runaway body. */
export const MAX_BODY_BYTES: number = 20 * 1_048_576;
/** How long a 401 is remembered: calls for that token fail at once instead of asking the API again. */
export const REFUSAL_MEMORY_MS = 60_000;
/** How long a closed day's totals are cached by default: they no longer change. */
export const PAST_DAY_CACHE_TTL_MS: number = 30 * 86_400_000;

/** Visibility into each call, for progress displays and logs. Payloads never hold the token. */
export interface ZenHooks {
  /** A wait began, or its estimate moved (place in line, expected time). */
  onWait?(event: WaitEvent): void;
  /** The window was claimed after `waitedMs`; a request follows unless the cache answers first. */
  onReserve?(event: { date: string; waitedMs: number }): void;
  /** A request is about to be sent (`attempt` 0 first, then retries). */
  onRequest?(event: { date: string; attempt: number }): void;
  /** A response arrived. */
  onResponse?(event: { date: string; status: number; durationMs: number }): void;
  /**
   * A 5xx or network failure will be retried after `delayMs`: at once for a request that never
   * left (refused, unknown host), in the next window for one that may have reached the API.
   */
  onRetry?(event: { date: string; attempt: number; delayMs: number; error: ZenError }): void;
  /** The API answered 429; nobody sends for this token until `retryAt`. */
  onRateLimited?(event: { date: string; cooldownMs: number; retryAt: Date }): void;
  /** The totals came from the cache; this call sent nothing. */
  onCacheHit?(event: { date: string }): void;
}

/** Options of `createZenClientBase`: every part supplied by the host. */
export interface ZenClientBaseOptions {
  /** The integration URL from CRM Zen → Integração. Any query string it has is kept. */
  url: string;
  /** The integration token. Sent only as the `token` header, never logged or stored. */
  token: string;
  transport: ZenTransport;
  clock: Clock;
  /** The API's window: one request per this many ms per token. Default 300 000 (5 minutes). */
  minIntervalMs?: number;
  /** Added to every window against clock and latency jitter. Default 1 000. */
  windowMarginMs?: number;
  /** When the window is taken: wait for it (default) or throw `RateLimitedError` at once. */
  onRateLimit?: RateLimitMode;
  /** The longest a call waits for the window. Default 10 minutes. */
  maxWaitMs?: number;
  /** Per request, body included. Default 30 s. */
  timeoutMs?: number;
  /** The largest answer accepted, in bytes; a larger one is a `ZenResponseError` (`too-large`). Default 20 MiB. */
  maxBodyBytes?: number;
  /**
   * Retries after a 5xx or network failure (never after a 4xx). A failure that may have reached
   * the API (timeout, reset, 5xx) spent the window, so its retry waits for the next one. Default 2.
   */
  retries?: number;
  /** Where windows and queues are kept. Default: a `MemoryStore` of this client. */
  store?: WindowStore;
  /** Where answers are cached, or `false` for none. Default: the store, when it can cache. */
  cache?: ResponseCache | false;
  /** How long a closed day's answer stays cached. Default 30 days. */
  pastDayCacheTtlMs?: number;
  /** Allow plain `http:` to a host that is not loopback (a trusted test server). */
  allowInsecureHttp?: boolean;
  /**
   * The URL is a `zen-leads serve` gateway, checked by the host (the n8n node asks its free
   * `/healthz` first): pacing is the gateway's from the first request (`Prefer: wait`), instead of
   * from its first `zen-gateway` answer on.
   */
  gateway?: boolean;
  hooks?: ZenHooks;
}

/** The options, checked and with defaults filled in. */
export interface ClientSettings {
  url: URL;
  token: string;
  transport: ZenTransport;
  clock: Clock;
  apiWindowMs: number;
  windowMs: number;
  mode: RateLimitMode;
  maxWaitMs: number;
  timeoutMs: number;
  maxBodyBytes: number;
  retries: number;
  store: WindowStore;
  cache: ResponseCache | undefined;
  pastDayCacheTtlMs: number;
  gateway: boolean;
  hooks: ZenHooks;
}

/** Checks every option before anything is sent; a `ZenInputError` names the first bad one. */
export function settleOptions(options: ZenClientBaseOptions): ClientSettings {
  if (typeof options !== 'object' || options === null) {
    throw new ZenInputError('options', 'type', 'The client needs an options object.', 'Pass { url, token }.');
  }
  const token = validateToken(options.token);
  const url = validateUrl(options.url, { allowInsecureHttp: options.allowInsecureHttp === true, token });
  const mode = options.onRateLimit ?? 'wait';
  if (mode !== 'wait' && mode !== 'fail') {
    throw new ZenInputError('onRateLimit', 'range', `onRateLimit must be "wait" or "fail", got ${JSON.stringify(String(mode))}.`, "Pass onRateLimit: 'wait' or 'fail'.");
  }
  const retries = options.retries ?? 2;
  if (!Number.isInteger(retries) || retries < 0 || retries > 10) {
    throw new ZenInputError('retries', 'range', `retries must be a whole number from 0 to 10, got ${String(retries)}.`, 'Pass retries: 2 (the default) or another number from 0 to 10.');
  }
  const apiWindowMs = validateDuration('minIntervalMs', options.minIntervalMs ?? API_WINDOW_MS);
  const windowMs = apiWindowMs + validateDuration('windowMarginMs', options.windowMarginMs ?? WINDOW_MARGIN_MS);
  const store = options.store ?? new MemoryStore({ now: () => options.clock.now() });
  return {
    url,
    token,
    transport: options.transport,
    clock: options.clock,
    apiWindowMs,
    windowMs,
    mode,
    maxWaitMs: validateDuration('maxWaitMs', options.maxWaitMs ?? 600_000),
    timeoutMs: validateDuration('timeoutMs', options.timeoutMs ?? 30_000),
    maxBodyBytes: validateByteCount(options.maxBodyBytes),
    retries,
    store,
    cache: options.cache === false ? undefined : (options.cache ?? (isResponseCache(store) ? store : undefined)),
    pastDayCacheTtlMs: validateDuration('pastDayCacheTtlMs', options.pastDayCacheTtlMs ?? PAST_DAY_CACHE_TTL_MS),
    gateway: options.gateway === true,
    hooks: options.hooks ?? {},
  };
}

function validateByteCount(value: number | undefined): number {
  if (value === undefined) return MAX_BODY_BYTES;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1_024) {
    throw new ZenInputError('maxBodyBytes', 'range', `maxBodyBytes must be a whole number of bytes from 1024 up, got ${String(value)}.`, 'Leave it out for 20 MiB, or pass e.g. maxBodyBytes: 50 * 1_048_576.');
  }
  return value;
}

// Tokens are printable ASCII; anything else cannot travel in an HTTP header (or forges one).
const BAD_TOKEN_CHARACTER = /[^\x21-\x7e]/;
const MAX_TOKEN_LENGTH = 4096;
const INTEGRATION = 'Copy it from CRM Zen (gear icon → Integração).';

/** Every loopback address: `localhost`, 127.0.0.0/8 and `::1`. */
export function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || hostname === '::1' || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/**
 * Checks the integration URL: absolute http(s), no credentials in it, not carrying the token,
 * and plain `http:` only to loopback hosts (the token would cross the network in clear text).
 */
export function validateUrl(url: unknown, options: { allowInsecureHttp?: boolean; token?: string } = {}): URL {
  if (url !== undefined && url !== null && typeof url !== 'string') {
    throw new ZenInputError('url', 'type', `The integration URL must be a string, got ${describe(url)}.`, `Pass it as the url option. ${INTEGRATION}`);
  }
  if (typeof url !== 'string' || url.trim() === '') {
    throw new ZenInputError('url', 'missing', 'The integration URL is missing.', `Pass it as the url option. ${INTEGRATION}`);
  }
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    const shown = options.token ? url.split(options.token).join('[token]') : url;
    throw new ZenInputError('url', 'not-absolute', `The URL ${JSON.stringify(clip(shown))} is not an absolute URL.`, 'Use the full integration URL, starting with https://.');
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new ZenInputError('url', 'scheme', `The URL uses ${parsed.protocol}, which the API does not speak.`, 'Use the https:// integration URL.');
  }
  if (parsed.username !== '' || parsed.password !== '') {
    throw new ZenInputError('url', 'userinfo', 'The URL contains a user name or password.', 'Remove it: the token goes in the token option, which is sent as a header.');
  }
  if (options.token && urlCarriesToken(parsed, options.token)) {
    throw new ZenInputError('url', 'token-in-url', 'The URL contains the token.', 'Remove it from the URL and pass it as the token option: it is sent as a header, never in the URL.');
  }
  if (parsed.protocol === 'http:' && !isLoopbackHost(parsed.hostname) && !options.allowInsecureHttp) {
    throw new ZenInputError(
      'url',
      'insecure-http',
      `The URL ${parsed.origin} uses plain http: the token would travel unencrypted.`,
      'Use https://, or set allowInsecureHttp: true for a trusted test server.',
    );
  }
  return parsed;
}

/** A long token anywhere in the URL; a short one only as a whole query value or path segment. */
function urlCarriesToken(url: URL, token: string): boolean {
  const decoded = (text: string): string => {
    try {
      return decodeURIComponent(text);
    } catch {
      return text;
    }
  };
  if (token.length >= SHORT_TOKEN) return decoded(url.href).includes(token);
  const values = [...url.searchParams.values(), ...url.searchParams.keys(), ...url.pathname.split('/').map(decoded)];
  return values.includes(token);
}

/** Checks the token: present, and nothing that could split or forge an HTTP header. */
export function validateToken(token: unknown): string {
  if (token !== undefined && token !== null && typeof token !== 'string') {
    // The value is never shown: a token of the wrong type is still a secret.
    throw new ZenInputError('token', 'type', `The token must be a string, got ${typeof token}.`, `Pass it as the token option. ${INTEGRATION}`);
  }
  if (typeof token !== 'string' || token === '') {
    throw new ZenInputError('token', 'missing', 'The token is missing.', `Pass it as the token option. ${INTEGRATION}`);
  }
  if (token.length > MAX_TOKEN_LENGTH) {
    throw new ZenInputError('token', 'too-long', `The token is ${token.length} characters long, more than ${MAX_TOKEN_LENGTH}.`, 'Check that the whole value is the token and nothing else.');
  }
  if (BAD_TOKEN_CHARACTER.test(token)) {
    throw new ZenInputError(
      'token',
      'characters',
      'The token contains spaces, line breaks, control characters or characters outside ASCII.',
      'Copy it again from CRM Zen → Integração, without surrounding whitespace.',
    );
  }
  return token;
}

/** Checks a duration option: a finite number of milliseconds, zero or more. */
export function validateDuration(field: ZenInputField, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new ZenInputError(field, 'range', `${field} must be a number of milliseconds ≥ 0, got ${describe(value)}.`, `Pass ${field} as a number such as 60000.`);
  }
  return value;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(clip(value));
  if (typeof value === 'number') return String(value);
  return typeof value;
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

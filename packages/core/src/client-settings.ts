import type { Clock } from './clock.js';
import { isResponseCache, type WindowStore, type ResponseCache } from './window-store.js';
import { ZenInputError } from './errors/zen-input-error.js';
import type { ZenError } from './errors/zen-error.js';
import { MemoryStore } from './memory-store.js';
import type { WaitEvent } from './queue-estimate.js';
import type { ZenTransport } from './transport.js';
import { validateDuration, validateToken, validateUrl } from './validate-input.js';
import type { RateLimitMode } from './window-scheduler.js';

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

import type { Clock } from './clock.js';
import { isResponseCache, type CooldownStore, type ResponseCache } from './cooldown-store.js';
import { parseLeadTotalsBody } from './lead-totals-body.js';
import { RateLimitedError } from './errors/rate-limited-error.js';
import { ZenError } from './errors/zen-error.js';
import { ZenInputError } from './errors/zen-input-error.js';
import { ZenNetworkError } from './errors/zen-network-error.js';
import { ZenResponseError } from './errors/zen-response-error.js';
import { MemoryStore } from './memory-store.js';
import type { LeadTotals } from './model.js';
import { cooldownAfterRateLimit, parseRateLimitMessage } from './rate-limit-message.js';
import { RateLimitGuard, type GuardHooks, type RateLimitMode } from './rate-limit-guard.js';
import { apiMessageOf, errorForStatus } from './response-errors.js';
import { formatSaoPauloDateTime, todayInSaoPaulo } from './sao-paulo-calendar.js';
import { sha256Hex } from './sha256.js';
import type { TransportResponse, ZenTransport } from './transport.js';
import { validateDate, validateDuration, validateToken, validateUrl } from './validate-input.js';

/** The API's window (one request per 5 minutes per token). */
export const API_WINDOW_MS = 300_000;
/** Added to the window so that clock jitter on either side never draws a 429. */
export const WINDOW_SAFETY_MARGIN_MS = 1_000;
/** How long a closed day's totals are cached by default: they no longer change. */
export const PAST_DAY_CACHE_TTL_MS: number = 30 * 86_400_000;

/** Visibility into each call. Payloads never hold the token. */
export interface ZenHooks extends GuardHooks {
  /** A request is about to be sent (`attempt` 0 first, then retries). */
  onRequest?(event: { date: string; attempt: number }): void;
  /** A response arrived. */
  onResponse?(event: { date: string; status: number; durationMs: number }): void;
  /** A 5xx or network failure will be retried after `delayMs`. */
  onRetry?(event: { date: string; attempt: number; delayMs: number; error: ZenError }): void;
  /** The totals came from the response cache; nothing was sent. */
  onCacheHit?(event: { date: string }): void;
}

/** Options shared by `createZenClient` and `createZenClientBase`. */
export interface ZenClientBaseOptions {
  /** The integration URL from CRM Zen → Integração. Any query string it has is kept. */
  url: string;
  /** The integration token. Sent only as the `token` header, never logged or stored. */
  token: string;
  /** Sends requests. */
  transport: ZenTransport;
  /** Reads time and waits. */
  clock: Clock;
  /** One request per this many ms per token. Default 5 min + 1 s. */
  minIntervalMs?: number;
  /** When the window is taken: wait for it (default) or throw `RateLimitedError` at once. */
  onRateLimit?: RateLimitMode;
  /** The longest a call waits for the window. Default 10 min. */
  maxWaitMs?: number;
  /** Per request. Default 30 s. */
  timeoutMs?: number;
  /** Retries after a 5xx or network failure (never after a 4xx). Default 2. */
  retries?: number;
  /** Where windows are kept. Default: a `MemoryStore` of this client. */
  store?: CooldownStore;
  /** Where responses are cached, or `false` for none. Default: the store, when it can cache. */
  cache?: ResponseCache | false;
  /** How long a closed day's response stays cached. Default 30 days. */
  pastDayCacheTtlMs?: number;
  /** Allow plain `http:` to a host that is not loopback (a trusted test server). */
  allowInsecureHttp?: boolean;
  hooks?: ZenHooks;
}

/** Options of one call. */
export interface GetTotalsOptions {
  signal?: AbortSignal;
}

/** A day's totals with where they came from. */
export interface TotalsResult {
  totals: LeadTotals;
  /** The payload exactly as the API sent it (parsed JSON, wire names). */
  raw: unknown;
  /** True when no request was sent: the answer came from the cache. */
  fromCache: boolean;
}

/** A client for one integration URL and token. */
export interface ZenClient {
  /** The day's totals (`YYYY-MM-DD`, a São Paulo calendar day, not after today). */
  getTotals(date: string, options?: GetTotalsOptions): Promise<LeadTotals>;
  /** The same, with the raw payload and whether it came from the cache. */
  getTotalsResult(date: string, options?: GetTotalsOptions): Promise<TotalsResult>;
}

interface Settings {
  url: URL;
  token: string;
  transport: ZenTransport;
  clock: Clock;
  windowMs: number;
  mode: RateLimitMode;
  maxWaitMs: number;
  timeoutMs: number;
  retries: number;
  cache: ResponseCache | undefined;
  pastDayCacheTtlMs: number;
  hooks: ZenHooks;
  guard: RateLimitGuard;
  /** Keys the token's window and cache entries; a hash, so the token is never stored. */
  tokenKey: string;
  /** The URL up to where `data=YYYY-MM-DD` is appended (its own query kept). */
  requestBase: string;
}

/**
 * The integration URL with any `data` parameter and fragment removed, ending in `?` or `&`, so
 * that each request only appends the day (a validated `YYYY-MM-DD`, nothing to escape).
 */
function requestBaseOf(url: URL): string {
  const base = new URL(url.href);
  base.hash = '';
  base.searchParams.delete('data');
  const href = base.href;
  if (href.endsWith('?') || href.endsWith('&')) return href;
  return `${href}${base.search === '' ? '?' : '&'}`;
}

/**
 * A client with every part supplied by the host: no default transport or clock is imported, so
 * a bundle made from this entry carries no ofetch and no timers (the n8n node needs that).
 */
export function createZenClientBase(options: ZenClientBaseOptions): ZenClient {
  const settings = settle(options);
  const inFlight = new Map<string, SharedFetch>();

  const getTotalsResult = async (date: string, callOptions: GetTotalsOptions = {}): Promise<TotalsResult> => {
    const day = validateDate(date, settings.clock.now());
    const signal = callOptions.signal;
    signal?.throwIfAborted();
    // Single-flight: concurrent calls for one day share one request. It is cancelled only when
    // every caller sharing it has given up.
    let shared = inFlight.get(day);
    if (!shared) {
      // A request started without a signal cannot be cancelled by anyone, so it needs none.
      const controller = signal ? new AbortController() : undefined;
      const entry: SharedFetch = { callers: 0, controller, promise: Promise.resolve() as never };
      entry.promise = fetchDay(settings, day, controller?.signal).finally(() => {
        if (inFlight.get(day) === entry) inFlight.delete(day);
      });
      inFlight.set(day, entry);
      shared = entry;
    }
    shared.callers++;
    const entry = shared;
    if (!signal) return entry.promise;
    return abortable(entry.promise, signal, () => {
      if (--entry.callers === 0 && entry.controller) {
        inFlight.delete(day);
        entry.controller.abort(signal.reason);
      }
    });
  };

  return {
    getTotalsResult,
    getTotals: async (date, callOptions) => (await getTotalsResult(date, callOptions)).totals,
  };
}

function settle(options: ZenClientBaseOptions): Settings {
  if (typeof options !== 'object' || options === null) throw new ZenInputError('options', 'options must be an object with url and token.');
  const token = validateToken(options.token);
  const url = validateUrl(options.url, { allowInsecureHttp: options.allowInsecureHttp === true, token });
  const mode = options.onRateLimit ?? 'wait';
  if (mode !== 'wait' && mode !== 'fail') {
    throw new ZenInputError('options', `onRateLimit must be "wait" or "fail", got ${JSON.stringify(String(mode))}.`);
  }
  const windowMs = validateDuration('minIntervalMs', options.minIntervalMs ?? API_WINDOW_MS + WINDOW_SAFETY_MARGIN_MS);
  const retries = options.retries ?? 2;
  if (!Number.isInteger(retries) || retries < 0 || retries > 10) {
    throw new ZenInputError('options', `retries must be a whole number from 0 to 10, got ${String(retries)}.`);
  }
  const store = options.store ?? new MemoryStore({ now: () => options.clock.now() });
  const cache = options.cache === false ? undefined : (options.cache ?? (isResponseCache(store) ? store : undefined));
  const hooks = options.hooks ?? {};
  return {
    url,
    token,
    transport: options.transport,
    clock: options.clock,
    windowMs,
    mode,
    maxWaitMs: validateDuration('maxWaitMs', options.maxWaitMs ?? 600_000),
    timeoutMs: validateDuration('timeoutMs', options.timeoutMs ?? 30_000),
    retries,
    cache,
    pastDayCacheTtlMs: validateDuration('pastDayCacheTtlMs', options.pastDayCacheTtlMs ?? PAST_DAY_CACHE_TTL_MS),
    hooks,
    guard: new RateLimitGuard({ store, clock: options.clock, windowMs, hooks }),
    tokenKey: sha256Hex(`${url.href}\n${token}`),
    requestBase: requestBaseOf(url),
  };
}

async function fetchDay(settings: Settings, date: string, signal: AbortSignal | undefined): Promise<TotalsResult> {
  // Plain hashes: each store adds its own namespace (file names, Redis key prefixes).
  const cacheKey = settings.cache ? sha256Hex(`${settings.tokenKey}\n${date}`) : '';
  const cooldownKey = settings.tokenKey;
  const cached = await readCache(settings, cacheKey, date);
  if (cached) return cached;

  const deadline = settings.clock.now() + settings.maxWaitMs;
  for (;;) {
    const permit = await settings.guard.acquire(cooldownKey, {
      mode: settings.mode,
      maxWaitMs: Math.max(0, deadline - settings.clock.now()),
      ...(signal ? { signal } : {}),
    });
    let sent = false;
    try {
      // Another process may have fetched this day while we waited: then the window goes back.
      const fetchedMeanwhile = await readCache(settings, cacheKey, date);
      if (fetchedMeanwhile) return fetchedMeanwhile;
      sent = true;
      const response = await sendWithRetries(settings, date, signal);
      if (response.status === 200) {
        // Scrubbed before anything reads it: a server that echoes the token in a 200 must not put
        // it into an error message, an excerpt or the cache.
        const body = redact(response.body, settings.token);
        const { totals, raw } = await parseLeadTotalsBody(body, 200);
        if (totals.date !== date) {
          throw new ZenResponseError(`The API answered with the totals of ${totals.date} when asked for ${date}; nothing was kept. Try again later.`, {
            status: 200,
            path: 'data',
          });
        }
        await writeCache(settings, cacheKey, date, body);
        return { totals, raw, fromCache: false };
      }
      if (response.status === 429) {
        const error = rateLimitedError(settings, response);
        await settings.guard.penalize(cooldownKey, error.retryAfterMs);
        // Wait mode rides it out (the guard now knows the server's time) when the deadline allows.
        if (settings.mode === 'wait' && settings.clock.now() + error.retryAfterMs <= deadline) continue;
        throw error;
      }
      throw errorForStatus(response.status, response.body, (text) => redact(text, settings.token));
    } finally {
      // The server starts its window when the request arrives, a little after our claim, so
      // once anything was sent the window restarts from now; unsent, it goes back.
      if (sent) await settings.guard.restartWindow(cooldownKey).catch(() => undefined);
      else await permit.release();
    }
  }
}

async function sendWithRetries(settings: Settings, date: string, signal: AbortSignal | undefined): Promise<TransportResponse> {
  const url = `${settings.requestBase}data=${date}`;
  for (let attempt = 0; ; attempt++) {
    signal?.throwIfAborted();
    settings.hooks.onRequest?.({ date, attempt });
    const started = settings.clock.now();
    let failure: ZenError;
    try {
      const response = await settings.transport({
        url,
        headers: { token: settings.token, accept: 'application/json' },
        timeoutMs: settings.timeoutMs,
        ...(signal ? { signal } : {}),
      });
      settings.hooks.onResponse?.({ date, status: response.status, durationMs: settings.clock.now() - started });
      if (response.status < 500) return response;
      failure = errorForStatus(response.status, response.body, (text) => redact(text, settings.token));
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      failure =
        error instanceof ZenError
          ? error
          : new ZenNetworkError(`The request failed: ${redact(error instanceof Error ? error.message : String(error), settings.token)}.`, 'connection');
    }
    if (attempt >= settings.retries) throw failure;
    const delayMs = backoffMs(attempt);
    settings.hooks.onRetry?.({ date, attempt: attempt + 1, delayMs, error: failure });
    await settings.clock.sleep(delayMs, signal);
  }
}

/** 0.5 s, 1 s, 2 s … (capped at 30 s), each scaled by a random factor in [0.5, 1.5). */
export function backoffMs(attempt: number): number {
  const base = Math.min(30_000, 500 * 2 ** attempt);
  return Math.round(base * (0.5 + Math.random()));
}

function rateLimitedError(settings: Settings, response: TransportResponse): RateLimitedError {
  const rawMessage = apiMessageOf(response.body);
  const apiMessage = rawMessage === undefined ? undefined : redact(rawMessage, settings.token);
  const message = parseRateLimitMessage(apiMessage);
  const now = settings.clock.now();
  const retryAfterMs = cooldownAfterRateLimit({
    message,
    dateHeader: response.headers.get('date'),
    retryAfterHeader: response.headers.get('retry-after'),
    now,
    windowMs: settings.windowMs,
  });
  const retryAt = new Date(now + retryAfterMs);
  return new RateLimitedError(
    `The API's rate limit is in force (429): ${apiMessage ?? 'too many requests'}. The next request is possible at ${formatSaoPauloDateTime(retryAt)} (America/Sao_Paulo).`,
    {
      status: 429,
      ...(apiMessage === undefined ? {} : { apiMessage }),
      ...(message.lastRequestAt ? { lastRequestAt: message.lastRequestAt } : {}),
      retryAt,
      retryAfterMs,
    },
  );
}

async function readCache(settings: Settings, key: string, date: string): Promise<TotalsResult | undefined> {
  if (!settings.cache) return undefined;
  const body = await settings.cache.get(key);
  if (body === undefined) return undefined;
  try {
    const { totals, raw } = await parseLeadTotalsBody(body, 200);
    if (totals.date !== date) return undefined;
    settings.hooks.onCacheHit?.({ date });
    return { totals, raw, fromCache: true };
  } catch {
    // A damaged entry is as good as none: fetch again.
    return undefined;
  }
}

async function writeCache(settings: Settings, key: string, date: string, body: string): Promise<void> {
  if (!settings.cache) return;
  // A closed day no longer changes; today's totals do, so they live only until the window frees.
  const closed = date < todayInSaoPaulo(settings.clock.now());
  const ttlMs = closed ? settings.pastDayCacheTtlMs : settings.windowMs;
  if (ttlMs <= 0) return;
  try {
    await settings.cache.set(key, body, ttlMs);
  } catch {
    // The data is already in hand: a cache that cannot write must not lose it.
  }
}

function redact(text: string, token: string): string {
  return text.split(token).join('[redacted]');
}

/** One day's request, shared by every concurrent caller. */
interface SharedFetch {
  promise: Promise<TotalsResult>;
  /** Present when the first caller could cancel: then the request is cancelled when all have. */
  controller: AbortController | undefined;
  callers: number;
}

/** Settles with `promise`, or rejects with the signal's reason when it aborts first (then `onAbort`). */
function abortable<T>(promise: Promise<T>, signal: AbortSignal, onAbort: () => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const abort = (): void => {
      onAbort();
      reject(signal.reason);
    };
    signal.addEventListener('abort', abort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
}

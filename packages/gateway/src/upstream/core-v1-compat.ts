import {
  PAST_DAY_CACHE_TTL_MS,
  RateLimitedError,
  WINDOW_SAFETY_MARGIN_MS,
  createZenClient,
  formatSaoPauloDateTime,
  parseLeadTotalsBody,
  sha256Hex,
  validateUrl,
  type ZenClient,
  type ZenHooks,
} from '@zen-leads/core';
import type { CoreClientSettings, CoreClients, DayResult, DayWait } from './core-clients.js';

/**
 * TEMPORARY: core v2's client shape over today's core (v1), until v2 lands on main. v1 has no
 * `body`, `fetchedAt`, `cached()` or per-call `onWait`, so this file reads the body from the
 * response cache (where v1 keeps the upstream's text) and estimates waits from this process's
 * own view of the window. Cross-process queue order and ETAs come with v2.
 */
export function openCoreV1Clients(settings: CoreClientSettings): CoreClients {
  const windowMs = settings.minIntervalMs + WINDOW_SAFETY_MARGIN_MS;
  const url = validateUrl(settings.url, { allowInsecureHttp: settings.allowInsecureHttp === true, token: settings.token });
  // v1's cache key: a hash of the URL and token, then of the day (never the token itself).
  const tokenKey = sha256Hex(`${url.href}\n${settings.token}`);
  const cacheKey = (date: string): string => sha256Hex(`${tokenKey}\n${date}`);
  const fetchedAt = new Map<string, number>();
  const line = new WaitLine(windowMs, settings.timeoutMs ?? 30_000);
  const client = (onRateLimit: 'wait' | 'fail'): ZenClient =>
    createZenClient({
      url: settings.url,
      token: settings.token,
      store: settings.store,
      cache: settings.store,
      minIntervalMs: windowMs,
      maxWaitMs: settings.maxWaitMs,
      ...(settings.timeoutMs === undefined ? {} : { timeoutMs: settings.timeoutMs }),
      ...(settings.allowInsecureHttp ? { allowInsecureHttp: true } : {}),
      ...(settings.fetch ? { fetch: settings.fetch } : {}),
      hooks: trackingHooks(settings.hooks, line, fetchedAt),
      onRateLimit,
    });
  const waiting = client('wait');
  const idle = client('fail');

  const { cached, fetchThrough } = answersOf(settings.store, cacheKey, fetchedAt, (date) => sha256Hex(`${tokenKey}\nfetched-at\n${date}`));
  return {
    waiting: {
      cached,
      async getTotalsResult(date, options = {}) {
        const hit = await cached(date);
        if (hit) return hit;
        const leave = line.join(date, options.onWait);
        try {
          return await fetchThrough(waiting, date, options.signal);
        } finally {
          leave();
        }
      },
    },
    idle: {
      cached,
      async getTotalsResult(date, options = {}) {
        refuseWhileQueued(line);
        return fetchThrough(idle, date, options.signal);
      },
    },
  };
}

/**
 * Reads a day's answer as v2 gives it: v1 keeps the upstream's body text in the response cache,
 * and this adapter keeps when it arrived beside it (v1 keeps no such time), so that a replica
 * reading another's answer knows whether it was fetched before the day ended.
 */
function answersOf(store: CoreClientSettings['store'], cacheKey: (date: string) => string, fetchedAt: Map<string, number>, fetchedAtKey: (date: string) => string) {
  const arrivedAt = async (date: string): Promise<Date> => {
    const known = fetchedAt.get(date) ?? Number(await store.get(fetchedAtKey(date)).catch(() => undefined));
    return new Date(Number.isFinite(known) && known > 0 ? known : Date.now());
  };
  const cached = async (date: string): Promise<DayResult | undefined> => {
    const body = await store.get(cacheKey(date));
    if (body === undefined) return undefined;
    try {
      const { totals } = await parseLeadTotalsBody(body, 200);
      if (totals.date !== date) return undefined;
      return { totals, body, fromCache: true, fetchedAt: await arrivedAt(date) };
    } catch {
      return undefined;
    }
  };
  const fetchThrough = async (client: ZenClient, date: string, signal: AbortSignal | undefined): Promise<DayResult> => {
    const result = await client.getTotalsResult(date, signal ? { signal } : {});
    const body = (await store.get(cacheKey(date))) ?? JSON.stringify(result.raw);
    if (!result.fromCache) await store.set(fetchedAtKey(date), String(fetchedAt.get(date) ?? Date.now()), PAST_DAY_CACHE_TTL_MS).catch(() => undefined);
    return { totals: result.totals, body, fromCache: result.fromCache, fetchedAt: await arrivedAt(date) };
  };
  return { cached, fetchThrough };
}

/** The host's hooks, plus what this process learns from them about the window and each day. */
function trackingHooks(hooks: ZenHooks, line: WaitLine, fetchedAt: Map<string, number>): ZenHooks {
  return {
    ...hooks,
    onRequest: (event) => {
      line.sent(event.date);
      hooks.onRequest?.(event);
    },
    onResponse: (event) => {
      if (event.status === 200) fetchedAt.set(event.date, Date.now());
      hooks.onResponse?.(event);
    },
    onWait: (event) => {
      line.windowFreesAt(event.retryAt.getTime());
      hooks.onWait?.(event);
    },
    onRateLimited: (event) => {
      line.windowFreesAt(event.retryAt.getTime());
      hooks.onRateLimited?.(event);
    },
  };
}

/** v2's rule, kept here within this process: fail mode never jumps a queued caller. */
function refuseWhileQueued(line: WaitLine): void {
  const queuedUntil = line.queueClearsAt();
  if (queuedUntil === undefined) return;
  const retryAt = new Date(queuedUntil);
  throw new RateLimitedError(`Days are queued for the window until ${formatSaoPauloDateTime(retryAt)}; nothing was sent.`, {
    retryAt,
    retryAfterMs: Math.max(0, queuedUntil - Date.now()),
  });
}

interface Waiter {
  date: string;
  sent: boolean;
  onWait: ((event: DayWait) => void) | undefined;
}

/** This process's waiters in the order the v1 guard serves them, and its estimate of the window. */
class WaitLine {
  readonly #windowMs: number;
  readonly #timeoutMs: number;
  #waiters: Waiter[] = [];
  #freeAt = 0;

  constructor(windowMs: number, timeoutMs: number) {
    this.#windowMs = windowMs;
    this.#timeoutMs = timeoutMs;
  }

  join(date: string, onWait: ((event: DayWait) => void) | undefined): () => void {
    const waiter: Waiter = { date, sent: false, onWait };
    this.#waiters.push(waiter);
    this.#announce();
    return () => {
      this.#waiters = this.#waiters.filter((other) => other !== waiter);
      this.#announce();
    };
  }

  sent(date: string): void {
    this.#freeAt = Date.now() + this.#windowMs;
    for (const waiter of this.#waiters) if (waiter.date === date) waiter.sent = true;
    this.#announce();
  }

  windowFreesAt(at: number): void {
    this.#freeAt = at;
    this.#announce();
  }

  /** When the last unsent waiter should have its window, or undefined when nobody waits. */
  queueClearsAt(): number | undefined {
    const unsent = this.#waiters.filter((waiter) => !waiter.sent).length;
    return unsent === 0 ? undefined : Math.max(Date.now(), this.#freeAt) + (unsent - 1) * this.#windowMs;
  }

  #announce(): void {
    const now = Date.now();
    let position = 0;
    for (const waiter of this.#waiters) {
      if (waiter.sent) {
        waiter.onWait?.({ date: waiter.date, reason: 'in-flight', position: 1, waitMs: this.#timeoutMs, retryAt: new Date(now + this.#timeoutMs) });
        continue;
      }
      position++;
      const at = Math.max(now, this.#freeAt) + (position - 1) * this.#windowMs;
      if (at <= now) continue;
      waiter.onWait?.({ date: waiter.date, reason: position === 1 ? 'window' : 'queue', position, waitMs: at - now, retryAt: new Date(at) });
    }
  }
}

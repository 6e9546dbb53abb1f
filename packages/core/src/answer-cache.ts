/**
 * What the client remembers in the response cache: each day's answer (final once fetched after
 * the day closed) and, for a short while, that the token was refused.
 */
import type { ResponseCache } from './window-store.js';
import { parseLeadTotalsBody } from './response.js';
import type { LeadTotals } from './model.js';
import { isFinalAnswer, formatSaoPauloDateTime } from './sao-paulo-calendar.js';
import type { Clock } from './clock.js';
import { ZenAuthError, type ZenAuthReason } from './errors.js';

/** A day's totals with where they came from. */
export interface TotalsResult {
  totals: LeadTotals;
  /** The payload as the API sent it (parsed JSON, wire names). */
  raw: unknown;
  /** The 200 body exactly as the API sent it (with the token scrubbed, should a server echo it). */
  body: string;
  /** True when this call sent nothing: the answer came from the cache. */
  fromCache: boolean;
  /** When the API answered. */
  fetchedAt: Date;
  /** How long this call waited for the token's window or for another caller's answer. */
  waitedMs: number;
}

/** What a cache entry holds: the body and when it was fetched. */
interface CacheEntry {
  fetchedAt: number;
  body: string;
}

/**
 * The response cache policy: a closed day no longer changes, so it is kept `pastDayTtlMs`
 * (30 days by default); today's totals do change, so they live only until the window frees.
 */
export class AnswerCache {
  readonly #cache: ResponseCache | undefined;
  readonly #pastDayTtlMs: number;
  readonly #todayTtlMs: number;

  constructor(options: { cache: ResponseCache | undefined; pastDayTtlMs: number; todayTtlMs: number }) {
    this.#cache = options.cache;
    this.#pastDayTtlMs = options.pastDayTtlMs;
    this.#todayTtlMs = options.todayTtlMs;
  }

  /** The cached answer for `date`, or undefined (a damaged entry counts as none). */
  async read(key: string, date: string): Promise<Omit<TotalsResult, 'waitedMs'> | undefined> {
    if (!this.#cache) return undefined;
    const text = await this.#cache.get(key);
    if (text === undefined) return undefined;
    try {
      const entry = JSON.parse(text) as CacheEntry;
      const { totals, raw } = parseLeadTotalsBody(entry.body, 200);
      if (totals.date !== date || typeof entry.fetchedAt !== 'number') return undefined;
      return { totals, raw, body: entry.body, fromCache: true, fetchedAt: new Date(entry.fetchedAt) };
    } catch {
      return undefined;
    }
  }

  /** Keeps an answer; a cache that cannot write loses nothing, since the data is already in hand. */
  async write(key: string, date: string, body: string, fetchedAt: number): Promise<void> {
    if (!this.#cache) return;
    const ttlMs = isFinalAnswer(date, fetchedAt) ? this.#pastDayTtlMs : this.#todayTtlMs;
    if (ttlMs <= 0) return;
    try {
      await this.#cache.set(key, JSON.stringify({ fetchedAt, body } satisfies CacheEntry), ttlMs);
    } catch {
      // Nothing to do: the caller has the answer.
    }
  }
}

/** What is kept of a 401: never the token, only what the API said and when. */
interface Refusal {
  at: number;
  reason: ZenAuthReason;
  apiMessage?: string;
}

/**
 * A refused token is not asked about again for a while: a revoked token would otherwise draw a
 * 401 for every caller, and a gateway would hammer the API on behalf of every client. Kept in the
 * shared cache when there is one (every process on the store learns it at once), else here.
 */
export class RefusalMemory {
  readonly #cache: ResponseCache | undefined;
  readonly #key: string;
  readonly #clock: Clock;
  readonly #memoryMs: number;
  #local: Refusal | undefined;

  constructor(options: { cache: ResponseCache | undefined; key: string; clock: Clock; memoryMs: number }) {
    this.#cache = options.cache;
    this.#key = options.key;
    this.#clock = options.clock;
    this.#memoryMs = options.memoryMs;
  }

  /** Throws the remembered refusal, if the API refused this token less than the memory ago. */
  async check(): Promise<void> {
    const refusal = await this.#recall();
    if (!refusal) return;
    const refusedAt = `${formatSaoPauloDateTime(new Date(refusal.at))} (America/Sao_Paulo)`;
    const retryAt = new Date(refusal.at + this.#memoryMs);
    throw new ZenAuthError(
      `The API refused this token (401${refusal.apiMessage === undefined ? '' : `: "${refusal.apiMessage}"`}) at ${refusedAt}; nothing was sent.`,
      `Copy the token again from CRM Zen → Integração. The API is asked again after ${formatSaoPauloDateTime(retryAt)}.`,
      refusal.reason,
      { remembered: true, retryAt, ...(refusal.apiMessage === undefined ? {} : { apiMessage: refusal.apiMessage }) },
    );
  }

  async remember(error: ZenAuthError): Promise<void> {
    const refusal: Refusal = { at: this.#clock.now(), reason: error.reason, ...(error.apiMessage === undefined ? {} : { apiMessage: error.apiMessage }) };
    this.#local = refusal;
    // A cache that cannot write still leaves this process's memory.
    await this.#cache?.set(this.#key, JSON.stringify(refusal), this.#memoryMs).catch(() => undefined);
  }

  async #recall(): Promise<Refusal | undefined> {
    const now = this.#clock.now();
    let refusal = this.#local;
    if (this.#cache) {
      const text = await this.#cache.get(this.#key).catch(() => undefined);
      try {
        if (text !== undefined) refusal = JSON.parse(text) as Refusal;
      } catch {
        // A damaged entry counts as none.
      }
    }
    return refusal && typeof refusal.at === 'number' && now - refusal.at < this.#memoryMs ? refusal : undefined;
  }
}

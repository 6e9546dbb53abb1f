import type { ResponseCache } from './window-store.js';
import { parseLeadTotalsBody } from './lead-totals-body.js';
import type { LeadTotals } from './model.js';
import { isFinalAnswer } from './sao-paulo-calendar.js';

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

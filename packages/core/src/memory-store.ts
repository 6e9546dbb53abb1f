import type { WindowStore, EnqueueOptions, QueueTicket, Reservation, ResponseCache, WindowClaim } from './window-store.js';
import { dequeueIn, emptyWindowState, enqueueIn, holdIn, isIdle, releaseIn, reserveIn, type WindowState } from './window-state.js';

interface CachedValue {
  value: string;
  expires: number;
}

/** Options of `MemoryStore`. */
export interface MemoryStoreOptions {
  /** Milliseconds since the epoch; injectable for tests. */
  now?: () => number;
  /** Most cached responses kept; the oldest go first. Default 500. */
  maxCacheEntries?: number;
}

/**
 * Windows, queues and cached responses in this process's memory: right for one long-lived
 * process (a server, an n8n instance). Processes that share a token need the file or Redis store.
 *
 * @example
 * ```ts
 * const store = new MemoryStore();
 * const a = createZenClient({ url, token, store });
 * const b = createZenClient({ url, token, store }); // shares a's window, queue and cache
 * ```
 */
export class MemoryStore implements WindowStore, ResponseCache {
  readonly #windows = new Map<string, WindowState>();
  readonly #cache = new Map<string, CachedValue>();
  readonly #watchers = new Map<string, Set<() => void>>();
  readonly #now: () => number;
  readonly #maxCacheEntries: number;

  constructor(options: MemoryStoreOptions = {}) {
    this.#now = options.now ?? Date.now;
    this.#maxCacheEntries = options.maxCacheEntries ?? 500;
  }

  async reserve(key: string, claim: WindowClaim): Promise<Reservation> {
    return this.#update(key, (state, now) => reserveIn(state, claim, now));
  }

  async enqueue(key: string, ticket: QueueTicket, options: EnqueueOptions): Promise<void> {
    this.#update(key, (state, now) => enqueueIn(state, ticket, options, now));
  }

  async dequeue(key: string, ticketId: string): Promise<void> {
    this.#update(key, (state, now) => dequeueIn(state, ticketId, now));
  }

  async hold(key: string, ms: number, options: { replace: boolean }): Promise<void> {
    this.#update(key, (state, now) => holdIn(state, ms, options.replace, now));
  }

  async release(key: string, holder: string): Promise<void> {
    this.#update(key, (state, now) => releaseIn(state, holder, now));
  }

  watch(key: string, listener: () => void): () => void {
    const listeners = this.#watchers.get(key) ?? new Set();
    this.#watchers.set(key, listeners);
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0) this.#watchers.delete(key);
    };
  }

  async notify(key: string): Promise<void> {
    for (const listener of [...(this.#watchers.get(key) ?? [])]) listener();
  }

  async get(key: string): Promise<string | undefined> {
    const entry = this.#cache.get(key);
    if (!entry) return undefined;
    if (entry.expires <= this.#now()) {
      this.#cache.delete(key);
      return undefined;
    }
    return entry.value;
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    this.#cache.delete(key);
    this.#cache.set(key, { value, expires: this.#now() + ttlMs });
    // Maps iterate in insertion order, so the first key is the oldest.
    while (this.#cache.size > this.#maxCacheEntries) {
      const oldest = this.#cache.keys().next().value;
      if (oldest === undefined) break;
      this.#cache.delete(oldest);
    }
  }

  #update<T>(key: string, change: (state: WindowState, now: number) => T): T {
    const state = this.#windows.get(key) ?? emptyWindowState();
    const result = change(state, this.#now());
    if (isIdle(state)) this.#windows.delete(key);
    else this.#windows.set(key, state);
    return result;
  }
}

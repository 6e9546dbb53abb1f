import type { CooldownStore, Reservation, ResponseCache } from './cooldown-store.js';

interface Cooldown {
  owner: string;
  until: number;
}

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
 * Windows and cached responses in this process's memory: right for one long-lived process (a
 * server, an n8n instance). Processes that share a token need the file or Redis store.
 */
export class MemoryStore implements CooldownStore, ResponseCache {
  readonly #cooldowns = new Map<string, Cooldown>();
  readonly #cache = new Map<string, CachedValue>();
  readonly #now: () => number;
  readonly #maxCacheEntries: number;

  constructor(options: MemoryStoreOptions = {}) {
    this.#now = options.now ?? Date.now;
    this.#maxCacheEntries = options.maxCacheEntries ?? 500;
  }

  async reserve(key: string, windowMs: number, owner: string): Promise<Reservation> {
    const now = this.#now();
    const current = this.#cooldowns.get(key);
    if (current && current.until > now) return { granted: false, waitMs: current.until - now };
    this.#cooldowns.set(key, { owner, until: now + windowMs });
    return { granted: true };
  }

  async extend(key: string, cooldownMs: number): Promise<void> {
    const until = this.#now() + cooldownMs;
    const current = this.#cooldowns.get(key);
    // A learned cooldown belongs to no one, so the claim it outlasts can no longer release it.
    if (!current || current.until < until) this.#cooldowns.set(key, { owner: '', until });
  }

  async release(key: string, owner: string): Promise<void> {
    if (owner !== '' && this.#cooldowns.get(key)?.owner === owner) this.#cooldowns.delete(key);
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
}

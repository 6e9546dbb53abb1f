import type { Clock, WindowStore, EnqueueOptions, QueueTicket, Reservation, ResponseCache, WindowClaim } from '@zen-leads/core';
import { systemClock } from '@zen-leads/core/internal';

const STORE_OUTAGE_BRAND: unique symbol = Symbol.for('zen-leads.gateway.store-outage-error') as never;

/**
 * The gateway's own store (the token's shared window and the cache) did not answer. Nothing was
 * sent upstream: without the shared window the gateway fails closed. Not the CRM's fault, so the
 * routes answer 503 naming the store (`apiStoreOutage`, `v1StoreOutage`), never a 5xx that blames the API.
 */
export class StoreOutageError extends Error {
  override name: string = 'StoreOutageError';
  readonly code = 'store-unavailable';
  /** What the store is, for people: "Redis", "FileStore"… (never a URL or a password). */
  readonly store: string;
  /** When the outage began. */
  readonly since: Date;

  constructor(store: string, since: Date, cause?: unknown) {
    super(`the gateway's store (${store}) is unreachable since ${since.toISOString()}; retry in a few seconds.`, { cause });
    this.store = store;
    this.since = since;
    Object.defineProperty(this, STORE_OUTAGE_BRAND, { value: true });
  }
}

/** True for a `StoreOutageError` (from any copy of this package). */
export function isStoreOutage(value: unknown): value is StoreOutageError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[STORE_OUTAGE_BRAND] === true;
}

/** A key no one writes: reading it proves the store answers. */
const PROBE_KEY = 'zen-leads-gateway-store-probe';
/** While the store is down, how often one probe looks whether it is back. */
const PROBE_EVERY_MS = 500;
/** How long a probe may take before the store counts as down (a Redis command has its own timeout too). */
export const PROBE_TIMEOUT_MS = 800;

type Store = WindowStore & ResponseCache & Partial<FirstWriterWins>;

/** A store that can keep the first of several writers' values (RedisStore: SET NX). */
export interface FirstWriterWins {
  /** Stores `value` unless the key holds one already; answers the value the key holds after. */
  setIfAbsent(key: string, value: string, ttlMs: number): Promise<string>;
}

export interface WatchedStoreOptions {
  log: (line: string) => void;
  /** Called when an outage begins (a metric). */
  onOutage?: () => void;
  /** Called when the store answers again (the idle-window jobs wake). */
  onRecovery?: () => void;
  clock?: Clock;
}

/**
 * The gateway's store, watched: the first failed operation starts an outage, logged once; while
 * it lasts every operation fails at once with `StoreOutageError` (clients get a 503 within
 * milliseconds, not after the client library's retries), and one probe every half second looks
 * whether the store is back; the first that answers ends the outage, logged once. Nothing is
 * ever sent upstream without the shared window: an operation that fails is never skipped.
 * A circuit breaker by hand because the store is any `WindowStore` (Redis, a file, memory).
 */
export class WatchedStore implements Store {
  /** "Redis at redis://host:6379/0", "FileStore"…: for operators; never holds a password. */
  readonly description: string;
  /** The short name clients see: "Redis", "FileStore"… */
  readonly kind: string;
  readonly #inner: Store;
  readonly #options: WatchedStoreOptions;
  readonly #clock: Clock;
  readonly #closing = new AbortController();
  #down: { since: number; probing: Promise<void> } | undefined;

  constructor(inner: Store, options: WatchedStoreOptions) {
    this.#inner = inner;
    this.#options = options;
    this.#clock = options.clock ?? systemClock;
    this.description = describeStore(inner);
    this.kind = this.description.split(' ')[0] ?? 'store';
    if (inner.watch) this.watch = inner.watch.bind(inner);
  }

  /** Null while the store answers; when down, since when. */
  get downSince(): Date | undefined {
    return this.#down ? new Date(this.#down.since) : undefined;
  }

  /** For `/healthz`: true when the store answers within `PROBE_TIMEOUT_MS`; false at once during an outage. */
  async probe(): Promise<boolean> {
    if (this.#down) return false;
    try {
      await this.#watch(() => withinProbeTimeout(this.#inner.get(PROBE_KEY)));
      return true;
    } catch {
      return false;
    }
  }

  /** Stops the probes (the gateway closes). */
  close(): void {
    this.#closing.abort();
  }

  reserve(key: string, claim: WindowClaim): Promise<Reservation> {
    return this.#watch(() => this.#inner.reserve(key, claim));
  }
  enqueue(key: string, ticket: QueueTicket, options: EnqueueOptions): Promise<void> {
    return this.#watch(() => this.#inner.enqueue(key, ticket, options));
  }
  dequeue(key: string, ticketId: string): Promise<void> {
    return this.#watch(() => this.#inner.dequeue(key, ticketId));
  }
  hold(key: string, ms: number, options: { replace: boolean }): Promise<void> {
    return this.#watch(() => this.#inner.hold(key, ms, options));
  }
  release(key: string, holder: string): Promise<void> {
    return this.#watch(() => this.#inner.release(key, holder));
  }
  watch?: (key: string, listener: () => void) => () => void;
  notify(key: string): Promise<void> {
    return this.#watch(async () => void (await this.#inner.notify?.(key)));
  }
  get(key: string): Promise<string | undefined> {
    return this.#watch(() => this.#inner.get(key));
  }
  set(key: string, value: string, ttlMs: number): Promise<void> {
    return this.#watch(() => this.#inner.set(key, value, ttlMs));
  }

  /**
   * The first writer's value. Stores without the primitive (memory: one process; file: replicas
   * on one machine) read, then write when empty: two replicas starting in the same instant may
   * each keep their own, which costs a session made on one of them a new sign-in on the other.
   */
  setIfAbsent(key: string, value: string, ttlMs: number): Promise<string> {
    return this.#watch(async () => {
      const inner = this.#inner;
      if (inner.setIfAbsent) return inner.setIfAbsent(key, value, ttlMs);
      const existing = await inner.get(key);
      if (existing !== undefined) return existing;
      await inner.set(key, value, ttlMs);
      return value;
    });
  }

  async #watch<T>(operation: () => Promise<T>): Promise<T> {
    if (this.#down) throw new StoreOutageError(this.kind, new Date(this.#down.since));
    try {
      return await operation();
    } catch (error) {
      // A refused argument (a FileStore key it cannot hold) is the caller's mistake, not an outage.
      if (error instanceof TypeError || error instanceof RangeError) throw error;
      throw this.#outage(error);
    }
  }

  /** Starts the outage (once) and returns the error the caller throws. */
  #outage(cause: unknown): StoreOutageError {
    if (!this.#down) {
      const since = this.#clock.now();
      const why = redactUrls(cause instanceof Error ? cause.message : String(cause));
      this.#options.log(`store: ${this.description} unreachable since ${new Date(since).toISOString()} (${why}); window and cache unavailable, clients get 503 until it answers again`);
      this.#options.onOutage?.();
      this.#down = { since, probing: Promise.resolve() };
      this.#down.probing = this.#probeUntilBack(since);
    }
    return new StoreOutageError(this.kind, new Date(this.#down.since), cause);
  }

  async #probeUntilBack(since: number): Promise<void> {
    const signal = this.#closing.signal;
    while (!signal.aborted) {
      await this.#clock.sleep(PROBE_EVERY_MS, signal).catch(() => undefined);
      if (signal.aborted) return;
      try {
        await withinProbeTimeout(this.#inner.get(PROBE_KEY));
      } catch {
        continue;
      }
      const seconds = Math.round((this.#clock.now() - since) / 1000);
      this.#down = undefined;
      this.#options.log(`store: ${this.description} reachable again after ${seconds} s`);
      this.#options.onRecovery?.();
      return;
    }
  }
}

/** A store's own `description` (RedisStore gives one without the password), else its class. */
function describeStore(store: Store): string {
  const description = (store as { description?: unknown }).description;
  if (typeof description === 'string' && description !== '') return redactUrls(description);
  return store.constructor?.name && store.constructor.name !== 'Object' ? store.constructor.name : 'store';
}

/** `scheme://user:password@host` → `scheme://***@host`: a library's message may quote its URL. */
function redactUrls(text: string): string {
  return text.replace(/(\w+:\/\/)[^@/\s]*@/g, '$1***@');
}

/** Rejects when `operation` takes longer than a probe may (by hand: a file store has no timeout of its own). */
function withinProbeTimeout<T>(operation: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${PROBE_TIMEOUT_MS} ms`)), PROBE_TIMEOUT_MS);
  });
  return Promise.race([operation, timeout]).finally(() => clearTimeout(timer));
}

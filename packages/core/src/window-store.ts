/**
 * Where the scheduler keeps each token's window and queue, so that every process sharing a token
 * sees them: `MemoryStore` (one process), `FileStore` (one machine), `RedisStore` (many).
 * The contract speaks in durations, never instants: a store answers "free in 42 s", so no two
 * hosts' clocks have to agree (Redis computes it from its own clock).
 */
export interface WindowStore {
  /**
   * Atomically claims the key's window for `windowMs` when it is free and no live ticket is ahead
   * of `holder`'s (a holder without a ticket needs an empty queue). The claim removes `holder`'s
   * ticket. Otherwise answers how long until the window frees, who queues, and which day the
   * window's holder is fetching.
   */
  reserve(key: string, claim: WindowClaim): Promise<Reservation>;
  /** Joins the key's queue, or renews a ticket already in it. A ticket not renewed within `leaseMs` drops out. */
  enqueue(key: string, ticket: QueueTicket, options: EnqueueOptions): Promise<void>;
  /** Leaves the queue (a no-op when the ticket is gone). */
  dequeue(key: string, ticketId: string): Promise<void>;
  /**
   * Moves the window's end to `ms` from now. `replace: false` never brings it closer and keeps the
   * holder (a retry restarts the window); `replace: true` sets it exactly and leaves it to nobody
   * (after a 429 the server's clock wins, and no one may release what the server imposed).
   */
  hold(key: string, ms: number, options: { replace: boolean }): Promise<void>;
  /** Gives the window back, only if `holder` still holds it (nothing was sent after all). */
  release(key: string, holder: string): Promise<void>;
  /** Calls `listener` whenever `notify(key)` is called anywhere; returns the unsubscribe. */
  watch?(key: string, listener: () => void): () => void;
  /** Tells every watcher of `key` that its window, queue or cached answers changed. */
  notify?(key: string): Promise<void>;
}

/** A claim on the window. */
export interface WindowClaim {
  holder: string;
  /** What the claim fetches (the answer's cache key), shown to waiters: those wanting the same know it is on its way. */
  day: string;
  windowMs: number;
}

/** A waiter in a token's queue. */
export interface QueueTicket {
  id: string;
  /** What it waits for: the answer's cache key (one day from one URL). */
  day: string;
}

export interface EnqueueOptions {
  leaseMs: number;
  /** Join at the head (a caller that already had its turn and drew a 429 keeps it). */
  front?: boolean;
}

/** The answer to `reserve`. */
export type Reservation =
  | { granted: true }
  | {
      granted: false;
      /** Until the window frees (0 when free but someone queues ahead). */
      waitMs: number;
      /** Every live ticket, first in line first. */
      queue: readonly QueueTicket[];
      /** The day the window's holder is fetching, when a claim (not a 429) holds it. */
      holding?: string;
    };

/** A key-value cache with expiry, for response bodies. Values never hold the token. */
export interface ResponseCache {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, ttlMs: number): Promise<void>;
}

/** True when a store can also serve as the response cache. */
export function isResponseCache(value: unknown): value is ResponseCache {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ResponseCache).get === 'function' &&
    typeof (value as ResponseCache).set === 'function'
  );
}

/**
 * One token's window and queue as plain data, with the store operations on it. `MemoryStore`
 * keeps it in a map and `FileStore` in a JSON file under a lock; both run these same rules
 * (`RedisStore` runs them as Lua scripts).
 */
export interface WindowState {
  /** Who holds the window ('' = a 429's cooldown, held by nobody), for which day, until when. */
  window?: { holder: string; day: string; until: number };
  /** The last ticket sequence number handed out. */
  seq: number;
  tickets: StoredTicket[];
}

interface StoredTicket extends QueueTicket {
  seq: number;
  leaseUntil: number;
}

export function emptyWindowState(): WindowState {
  return { seq: 0, tickets: [] };
}

/** Drops expired windows and tickets whose process stopped renewing them. */
function prune(state: WindowState, now: number): void {
  if (state.window && state.window.until <= now) delete state.window;
  state.tickets = state.tickets.filter((ticket) => ticket.leaseUntil > now).sort((a, b) => a.seq - b.seq);
}

export function reserveIn(state: WindowState, claim: WindowClaim, now: number): Reservation {
  prune(state, now);
  const first = state.tickets[0];
  const free = state.window === undefined;
  if (free && (first === undefined || first.id === claim.holder)) {
    state.tickets = state.tickets.filter((ticket) => ticket.id !== claim.holder);
    state.window = { holder: claim.holder, day: claim.day, until: now + claim.windowMs };
    return { granted: true };
  }
  const holding = state.window && state.window.holder !== '' ? state.window.day : undefined;
  return {
    granted: false,
    waitMs: state.window ? state.window.until - now : 0,
    queue: state.tickets.map(({ id, day }) => ({ id, day })),
    ...(holding === undefined ? {} : { holding }),
  };
}

export function enqueueIn(state: WindowState, ticket: QueueTicket, options: EnqueueOptions, now: number): void {
  prune(state, now);
  const leaseUntil = now + options.leaseMs;
  const existing = state.tickets.find((stored) => stored.id === ticket.id);
  if (existing) {
    existing.leaseUntil = leaseUntil;
    return;
  }
  const seq = options.front ? Math.min(0, ...state.tickets.map((stored) => stored.seq)) - 1 : ++state.seq;
  state.tickets.push({ id: ticket.id, day: ticket.day, seq, leaseUntil });
  state.tickets.sort((a, b) => a.seq - b.seq);
}

export function dequeueIn(state: WindowState, ticketId: string, now: number): void {
  prune(state, now);
  state.tickets = state.tickets.filter((ticket) => ticket.id !== ticketId);
}

export function holdIn(state: WindowState, ms: number, replace: boolean, now: number): void {
  prune(state, now);
  const until = now + ms;
  if (replace) state.window = { holder: '', day: '', until };
  else if (!state.window) state.window = { holder: '', day: '', until };
  else if (state.window.until < until) state.window.until = until;
}

export function releaseIn(state: WindowState, holder: string, now: number): void {
  prune(state, now);
  if (holder !== '' && state.window?.holder === holder) delete state.window;
}

/** True when nothing in the state needs keeping (so a store may forget the key). */
export function isIdle(state: WindowState): boolean {
  return state.window === undefined && state.tickets.length === 0;
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

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

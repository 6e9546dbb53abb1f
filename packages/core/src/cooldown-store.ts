/**
 * Where the guard keeps each token's window, so that every process sharing a token sees it.
 * The contract speaks in durations, never instants: a store answers "free in 42 s", so no host
 * clock has to agree with another (Redis computes it from its own clock).
 */
export interface CooldownStore {
  /**
   * Atomically claims the key's window for `windowMs` when it is free; otherwise tells how long
   * until it frees. `owner` identifies this claim for `release`.
   */
  reserve(key: string, windowMs: number, owner: string): Promise<Reservation>;
  /** Pushes the key's cooldown out to at least `cooldownMs` from now (after a 429). Never shortens it; the pushed-out cooldown belongs to no owner, so `release` cannot remove it. */
  extend(key: string, cooldownMs: number): Promise<void>;
  /** Gives a claimed window back when nothing was sent, only if `owner` still holds it. */
  release(key: string, owner: string): Promise<void>;
}

/** The answer to `reserve`. */
export type Reservation = { granted: true } | { granted: false; waitMs: number };

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

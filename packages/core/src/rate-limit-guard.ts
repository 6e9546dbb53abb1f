import type { Clock } from './clock.js';
import type { CooldownStore } from './cooldown-store.js';
import { RateLimitedError } from './errors/rate-limited-error.js';
import { formatSaoPauloDateTime } from './sao-paulo-calendar.js';

/** What to do when the window is taken. */
export type RateLimitMode = 'wait' | 'fail';

/** Visibility into the guard, for progress displays and logs. Payloads never hold the token. */
export interface GuardHooks {
  /** About to wait `waitMs` for the window (once per wait). */
  onWait?(event: { waitMs: number; retryAt: Date }): void;
  /** The window was claimed; a request may be sent. */
  onReserve?(event: { waitedMs: number }): void;
  /** The server answered 429; the window was pushed out by `cooldownMs`. */
  onRateLimited?(event: { cooldownMs: number; retryAt: Date }): void;
}

/** Options of `RateLimitGuard`. */
export interface RateLimitGuardOptions {
  store: CooldownStore;
  clock: Clock;
  /** One request per this many ms per key (the API's 5 minutes plus a safety margin). */
  windowMs: number;
  hooks?: GuardHooks;
}

/** Options of one `acquire`. */
export interface AcquireOptions {
  mode: RateLimitMode;
  /** The longest this caller may wait in `wait` mode. */
  maxWaitMs: number;
  signal?: AbortSignal;
}

/** A claimed window. `release` gives it back when nothing was sent after all. */
export interface Permit {
  release(): Promise<void>;
}

interface Waiter {
  /** True once the waiter heads the queue: only the head polls the store. */
  isHead: boolean;
  /** Settles when the waiter becomes the head. */
  turn: Promise<void>;
  promote(): void;
}

function newWaiter(): Waiter {
  let wake: () => void = () => {};
  const waiter: Waiter = {
    isHead: false,
    turn: new Promise<void>((resolve) => (wake = resolve)),
    promote() {
      waiter.isHead = true;
      wake();
    },
  };
  return waiter;
}

let ownerSequence = 0;

/**
 * One request per key per window, across everything that shares the store. In `wait` mode
 * callers in this process queue first-come first-served and only the head polls the store, so
 * the window is never spent twice and never left idle while someone is waiting.
 */
export class RateLimitGuard {
  readonly windowMs: number;
  readonly #store: CooldownStore;
  readonly #clock: Clock;
  readonly #hooks: GuardHooks;
  readonly #queues = new Map<string, Waiter[]>();

  constructor(options: RateLimitGuardOptions) {
    this.#store = options.store;
    this.#clock = options.clock;
    this.windowMs = options.windowMs;
    this.#hooks = options.hooks ?? {};
  }

  /** Claims the key's window, waiting for it in `wait` mode; throws `RateLimitedError` otherwise. */
  async acquire(key: string, options: AcquireOptions): Promise<Permit> {
    options.signal?.throwIfAborted();
    const started = this.#clock.now();
    const owner = `${started.toString(36)}-${(ownerSequence++).toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
    if (options.mode === 'fail') {
      const reservation = await this.#store.reserve(key, this.windowMs, owner);
      if (!reservation.granted) throw this.#refusal(reservation.waitMs, 'Waiting is off (on rate limit: fail).');
      return this.#permit(key, owner, started);
    }

    // Nobody queued: try the store straight away (the common case, and the cheapest).
    if (!this.#queues.has(key)) {
      const reservation = await this.#store.reserve(key, this.windowMs, owner);
      if (reservation.granted) return this.#permit(key, owner, started);
    }
    const queue = this.#queues.get(key) ?? [];
    this.#queues.set(key, queue);
    const waiter = newWaiter();
    queue.push(waiter);
    if (queue.length === 1) waiter.promote();
    const deadline = started + options.maxWaitMs;
    try {
      await this.#awaitTurn(waiter, deadline, options.signal);
      let announced = false;
      for (;;) {
        const reservation = await this.#store.reserve(key, this.windowMs, owner);
        if (reservation.granted) return this.#permit(key, owner, started);
        const now = this.#clock.now();
        if (now + reservation.waitMs > deadline) {
          throw this.#refusal(reservation.waitMs, `Waiting would pass the maximum wait of ${formatDuration(options.maxWaitMs)}.`);
        }
        if (!announced) this.#hooks.onWait?.({ waitMs: reservation.waitMs, retryAt: new Date(now + reservation.waitMs) });
        announced = true;
        await this.#clock.sleep(reservation.waitMs, options.signal);
      }
    } finally {
      this.#leave(key, waiter);
    }
  }

  /** After a request was sent: the window runs a full `windowMs` from now (never shorter). */
  async restartWindow(key: string): Promise<void> {
    await this.#store.extend(key, this.windowMs);
  }

  /** After a 429: no one sends for this key for `cooldownMs` (the store never shortens a cooldown). */
  async penalize(key: string, cooldownMs: number): Promise<void> {
    await this.#store.extend(key, cooldownMs);
    this.#hooks.onRateLimited?.({ cooldownMs, retryAt: new Date(this.#clock.now() + cooldownMs) });
  }

  /** Waits until the waiter heads the queue, its deadline passes, or its signal aborts. */
  async #awaitTurn(waiter: Waiter, deadline: number, signal: AbortSignal | undefined): Promise<void> {
    if (waiter.isHead) return;
    const stopSleeping = new AbortController();
    const onAbort = (): void => stopSleeping.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const sleeping = this.#clock.sleep(Math.max(0, deadline - this.#clock.now()), stopSleeping.signal).catch(() => undefined);
      await Promise.race([waiter.turn, sleeping]);
      signal?.throwIfAborted();
      if (!waiter.isHead) {
        throw this.#refusal(this.windowMs, 'Other requests for this token are queued ahead and waiting would pass the maximum wait.');
      }
    } finally {
      signal?.removeEventListener('abort', onAbort);
      stopSleeping.abort();
    }
  }

  #leave(key: string, waiter: Waiter): void {
    const queue = this.#queues.get(key);
    if (!queue) return;
    const index = queue.indexOf(waiter);
    if (index >= 0) queue.splice(index, 1);
    if (queue.length === 0) this.#queues.delete(key);
    else if (index === 0) queue[0]?.promote();
  }

  #permit(key: string, owner: string, started: number): Permit {
    this.#hooks.onReserve?.({ waitedMs: this.#clock.now() - started });
    return { release: () => this.#store.release(key, owner) };
  }

  #refusal(waitMs: number, why: string): RateLimitedError {
    const retryAt = new Date(this.#clock.now() + waitMs);
    return new RateLimitedError(
      `The token's rate-limit window is taken: the next request is possible at ${formatSaoPauloDateTime(retryAt)} (America/Sao_Paulo), in ${formatDuration(waitMs)}. ${why} Nothing was sent.`,
      { retryAt, retryAfterMs: waitMs },
    );
  }
}

/** `192500` → `3m 12.5s`: durations for people. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const totalSeconds = Math.round(ms / 100) / 10;
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = Math.round((totalSeconds - minutes * 60) * 10) / 10;
  if (minutes === 0) return `${seconds}s`;
  return seconds === 0 ? `${minutes}m` : `${minutes}m ${seconds}s`;
}

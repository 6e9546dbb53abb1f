/**
 * The token's window, claimed in turn: one request per window per token across every client on a
 * store, a fair line for the waiters, their wake-ups and their expected wait.
 */
import type { Clock } from './clock.js';
import type { WindowStore, Reservation } from './window-store.js';
import { RateLimitedError } from './errors.js';
import { formatDuration, ordinal } from './human-format.js';
import { formatSaoPauloDateTime } from './sao-paulo-calendar.js';

/** What to do when the window is taken: wait for it, or throw `RateLimitedError` at once. */
export type RateLimitMode = 'wait' | 'fail';

/** A store that cannot push changes is re-checked this often: the bound on a waiter's lag. */
const POLL_MS = 250;
/** A store that pushes changes is still re-checked now and then, in case a notice was lost. */
const WATCHED_POLL_MS = 2_000;
/** A waiter's ticket outlives its process by at most this long. */
const LEASE_MS = 6_000;

/** One call's request for the window. */
export interface ClaimRequest<T> {
  key: string;
  /** The calendar day, for wait events. */
  day: string;
  /**
   * What the caller waits for, as waiters and the window's holder compare it (the cache key of
   * the day's answer: the same day from another URL is another answer).
   */
  answerKey: string;
  mode: RateLimitMode;
  /** The clock reading after which waiting is refused (`maxWaitMs` from the call's start). */
  deadline: number;
  /** For messages: the longest wait the caller allows. */
  maxWaitMs: number;
  signal?: AbortSignal;
  /** Rejoin at the head: the caller had its turn and the API answered 429. */
  front?: boolean;
  /** Checked before claiming and on every wake: an answer someone else fetched ends the wait. */
  answered(): Promise<T | undefined>;
  onWait?(event: WaitEvent): void;
}

/** The window, claimed: say what became of it. */
export interface WindowPermit {
  /** A request is about to leave: the window restarts from now (never shorter). */
  restart(): Promise<void>;
  /** Nothing reached the API (or it could not count it): the window goes back. */
  release(): Promise<void>;
  /** The API answered 429: its next-available time replaces our claim. */
  rateLimited(cooldownMs: number): Promise<void>;
  /** The answer is cached: wake every waiter, so those wanting the same day return. */
  announce(): Promise<void>;
  /**
   * The request may have been counted but brought no answer (timeout, reset, 5xx): the window
   * stays taken until its end, held by nobody, so that no waiter takes the day for on its way.
   */
  spent(): Promise<void>;
}

export type Claim<T> = { kind: 'answered'; value: T } | { kind: 'granted'; permit: WindowPermit };

let holderSequence = 0;

/**
 * The token's window as a shared, scheduled resource: one request per window across everything
 * sharing the store, waiters served first come first served across processes, and each released
 * the moment its day is answered, whoever fetched it.
 */
export class WindowScheduler {
  readonly #store: WindowStore;
  readonly #clock: Clock;
  /** The API's window plus the safety margin. */
  readonly #windowMs: number;
  /** The API's window as configured, for messages. */
  readonly #apiWindowMs: number;

  constructor(options: { store: WindowStore; clock: Clock; windowMs: number; apiWindowMs: number }) {
    this.#store = options.store;
    this.#clock = options.clock;
    this.#windowMs = options.windowMs;
    this.#apiWindowMs = options.apiWindowMs;
  }

  async claim<T>(request: ClaimRequest<T>): Promise<Claim<T>> {
    request.signal?.throwIfAborted();
    const holder = `${this.#clock.now().toString(36)}-${(holderSequence++).toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
    const claim = { holder, day: request.answerKey, windowMs: this.#windowMs };
    // Free and nobody queued: claim at once, the common case (and all that fail mode may do).
    const reservation = request.front ? undefined : await this.#store.reserve(request.key, claim);
    if (reservation?.granted) return { kind: 'granted', permit: this.#permit(request.key, holder) };
    if (request.mode === 'fail' && reservation) throw this.#refusal('fail-mode', estimateWait(reservation, claim, this.#windowMs));
    return this.#wait(request, claim);
  }

  async #wait<T>(request: ClaimRequest<T>, claim: { holder: string; day: string; windowMs: number }): Promise<Claim<T>> {
    const { key } = request;
    const ticket = { id: claim.holder, day: claim.day };
    const wakeUp = new WakeUp();
    const unwatch = this.#store.watch?.(key, () => wakeUp.ring());
    const pollMs = unwatch ? WATCHED_POLL_MS : POLL_MS;
    let granted = false;
    try {
      await this.#store.enqueue(key, ticket, { leaseMs: LEASE_MS, front: request.front === true });
      let renewedAt = this.#clock.now();
      let shown: WaitEvent | undefined;
      for (;;) {
        request.signal?.throwIfAborted();
        const value = await request.answered();
        if (value !== undefined) return { kind: 'answered', value };
        const reservation: Reservation = await this.#store.reserve(key, claim);
        if (reservation.granted) {
          granted = true;
          return { kind: 'granted', permit: this.#permit(key, claim.holder) };
        }
        const estimate = estimateWait(reservation, claim, this.#windowMs);
        const now = this.#clock.now();
        if (!estimate.queued || now - renewedAt >= LEASE_MS / 3) {
          await this.#store.enqueue(key, ticket, { leaseMs: LEASE_MS });
          renewedAt = now;
        }
        if (now + estimate.waitMs > request.deadline) throw this.#refusal('max-wait', estimate, request.maxWaitMs, now - (request.deadline - request.maxWaitMs));
        shown = this.#announce(request, estimate, shown);
        const napMs = estimate.reason === 'window' ? Math.min(reservation.waitMs, pollMs) : pollMs;
        await wakeUp.nap(this.#clock, Math.max(1, Math.min(napMs, request.deadline - now)), request.signal);
      }
    } finally {
      unwatch?.();
      if (!granted) {
        await this.#store.dequeue(key, ticket.id).catch(() => undefined);
        await this.#store.notify?.(key).catch(() => undefined);
      }
    }
  }

  /** Tells the caller about its wait when it starts, and again when its place or time moves. */
  #announce<T>(request: ClaimRequest<T>, estimate: QueueEstimate, shown: WaitEvent | undefined): WaitEvent | undefined {
    const retryAt = this.#clock.now() + estimate.waitMs;
    const moved = !shown || shown.position !== estimate.position || shown.reason !== estimate.reason || Math.abs(shown.retryAt.getTime() - retryAt) > 1_000;
    if (!moved) return shown;
    const event: WaitEvent = { date: request.day, reason: estimate.reason, position: estimate.position, waitMs: estimate.waitMs, retryAt: new Date(retryAt) };
    request.onWait?.(event);
    return event;
  }

  #permit(key: string, holder: string): WindowPermit {
    const store = this.#store;
    // Best effort: a lost notice (a Redis user without channel rights) costs a waiter one poll.
    const notify = async (): Promise<void> => {
      await store.notify?.(key).catch(() => undefined);
    };
    let restartedAt = this.#clock.now();
    return {
      restart: async () => {
        restartedAt = this.#clock.now();
        await store.hold(key, this.#windowMs, { replace: false });
      },
      spent: async () => {
        await store.hold(key, Math.max(1, restartedAt + this.#windowMs - this.#clock.now()), { replace: true });
        await notify();
      },
      release: async () => {
        await store.release(key, holder);
        await notify();
      },
      rateLimited: async (cooldownMs) => {
        await store.hold(key, cooldownMs, { replace: true });
        await notify();
      },
      announce: notify,
    };
  }

  #refusal(reason: 'fail-mode' | 'max-wait', estimate: QueueEstimate, maxWaitMs = 0, waitedMs = 0): RateLimitedError {
    const retryAt = new Date(this.#clock.now() + estimate.waitMs);
    const at = `${formatSaoPauloDateTime(retryAt)} (America/Sao_Paulo)`;
    const place = estimate.position > 1 ? `, ${ordinal(estimate.position)} in line` : '';
    const problem =
      reason === 'fail-mode'
        ? `The token's window (one request per ${formatDuration(this.#apiWindowMs)}) is taken: the next request is possible at ${at}, in ${formatDuration(estimate.waitMs)}${place}.`
        : `Waiting for the token's window would take about ${formatDuration(waitedMs + estimate.waitMs)} in all${place}, more than the maximum wait of ${formatDuration(maxWaitMs)}.`;
    const hint =
      reason === 'fail-mode'
        ? `Nothing was sent. Try again after ${at}, or set onRateLimit: 'wait'.`
        : `Nothing was sent. Try again after ${at}, or raise maxWaitMs.`;
    return new RateLimitedError(problem, hint, {
      reason,
      retryAt,
      retryAfterMs: estimate.waitMs,
      windowMs: this.#apiWindowMs,
      position: estimate.position,
    });
  }
}

/** Why a caller waits: for the window, behind others in the queue, or for its day already on its way. */
export type WaitReason = 'window' | 'queue' | 'in-flight';

/** A wait, as hooks and per-call listeners see it. Never holds the token. */
export interface WaitEvent {
  date: string;
  reason: WaitReason;
  /** This caller's place in the token's queue: 1 = next. */
  position: number;
  /** How long until this caller's answer is expected. */
  waitMs: number;
  retryAt: Date;
}

/** A refused reservation, read from one caller's point of view. */
export interface QueueEstimate {
  reason: WaitReason;
  position: number;
  waitMs: number;
  /** False when the caller's ticket has dropped out of the queue (it stopped renewing in time). */
  queued: boolean;
}

/**
 * Where a caller stands and when its answer is expected: each distinct day ahead of it takes one
 * window; a day equal to its own ahead (or being fetched) means its answer comes with that one.
 */
export function estimateWait(
  refused: Extract<Reservation, { granted: false }>,
  caller: { holder: string; day: string },
  windowMs: number,
): QueueEstimate {
  const index = refused.queue.findIndex((ticket) => ticket.id === caller.holder);
  const ahead = index === -1 ? refused.queue : refused.queue.slice(0, index);
  const position = ahead.length + 1;
  const base = { position, queued: index !== -1 };
  if (refused.holding === caller.day) return { ...base, reason: 'in-flight', waitMs: 0 };
  // Each distinct day ahead takes a window, but the day already being fetched takes none.
  const days: string[] = [];
  for (const ticket of ahead) if (ticket.day !== refused.holding && !days.includes(ticket.day)) days.push(ticket.day);
  const sameDay = days.indexOf(caller.day);
  const windowsAhead = sameDay === -1 ? days.length : sameDay;
  return {
    ...base,
    reason: ahead.length === 0 ? 'window' : 'queue',
    waitMs: refused.waitMs + windowsAhead * windowMs,
  };
}

/**
 * A sleep that anyone can cut short: the store's change notices ring it, so a waiter re-checks
 * at once instead of at the end of its nap. A ring between naps is kept for the next one.
 */
export class WakeUp {
  #rung = false;
  #wake: (() => void) | undefined;

  ring(): void {
    this.#rung = true;
    this.#wake?.();
  }

  /** Sleeps up to `ms`, less if rung; rejects with the signal's reason when it aborts. */
  async nap(clock: Clock, ms: number, signal: AbortSignal | undefined): Promise<void> {
    if (this.#rung) {
      this.#rung = false;
      return;
    }
    const stop = new AbortController();
    const rung = new Promise<void>((resolve) => (this.#wake = resolve));
    const onAbort = (): void => stop.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      await Promise.race([rung, clock.sleep(ms, stop.signal).catch(() => undefined)]);
      signal?.throwIfAborted();
    } finally {
      this.#wake = undefined;
      this.#rung = false;
      stop.abort();
      signal?.removeEventListener('abort', onAbort);
    }
  }
}

import { todayInSaoPaulo } from '@zen-leads/core';
import { MAX_PREFER_WAIT_SECONDS } from '@zen-leads/core/internal';
import { ageMs, type MemoEntry } from '../upstream/answer-memo.js';
import type { QueuedDay } from '../upstream/client-day-queue.js';
import type { QueueRefusal } from '../upstream/upstream.js';
import type { GatewayRequest, GatewayParts } from './gateway-app.js';

/** The longest a client may ask to be held: the core's, since its clients ask the gateway for it. */
export { MAX_PREFER_WAIT_SECONDS };

/** How soon a client may try again when the gateway's store is down: its watch looks every half second. */
export const STORE_RETRY_AFTER_SECONDS = 5;

/** Whole seconds from `now` until `at`, at least 1: the `Retry-After` value. */
export function retryAfterSeconds(at: Date, now: number): number {
  return Math.max(1, Math.ceil((at.getTime() - now) / 1000));
}

/** No CRM Zen account holds a day before this one: earlier days are refused like malformed ones. */
export const FIRST_DAY = '2000-01-01';

/** What became of a client's request for a day. */
export type DayOutcome =
  | { kind: 'answer'; entry: MemoEntry; fromCache: boolean }
  /** Not here yet: the day is queued and expected at `retryAt`. */
  | { kind: 'queued'; retryAt: Date }
  /** Not queued: the client's key or the gateway has as many days queued as allowed, or it is closing. */
  | { kind: 'refused'; refusal: QueueRefusal }
  | { kind: 'failed'; error: unknown };

/** How long a client may be held for its day. */
export interface HoldOptions {
  /** From `Prefer: wait=N`; 0 answers at once unless the request is already on its way. */
  waitMs: number;
  /** The client key's id: days are queued fairly between keys, within a cap per key. */
  keyId: string;
  /** The client's request: its signal says when the client went away (read only when held, as making it costs). */
  request?: Request | undefined;
}

/**
 * A day for a client: from what is known when it is fresh enough (closed days once final; an
 * open day — today — while younger than two windows, as the idle-window jobs refresh it each
 * window someone looks), otherwise queued for the window and held as long as the client allows.
 */
export async function obtainDay(c: GatewayRequest, date: string, keyId: string): Promise<DayOutcome> {
  const { waitSeconds } = c.var;
  // Held under the client's `Prefer: wait`: its response says so (`Preference-Applied`).
  if (waitSeconds > 0) c.set('preferenceApplied', true);
  return dayFor(c.env, date, { waitMs: waitSeconds * 1000, keyId, request: c.req.raw });
}

async function dayFor(context: GatewayParts, date: string, hold: HoldOptions): Promise<DayOutcome> {
  const now = context.upstream.clock.now();
  if (date === todayInSaoPaulo(now)) context.interest.touch(now);
  try {
    const known = await context.upstream.known(date);
    if (known && (known.final || ageMs(known.result, now) < 2 * context.upstream.windowMs)) {
      return { kind: 'answer', entry: known, fromCache: true };
    }
  } catch (error) {
    return { kind: 'failed', error };
  }
  const queued = context.upstream.queue(date, hold.keyId);
  if ('refused' in queued) return { kind: 'refused', refusal: queued };
  return holdFor(context, queued, hold);
}

function holdFor(context: GatewayParts, queued: QueuedDay, hold: HoldOptions): Promise<DayOutcome> {
  const { clock } = context.upstream;
  const deadline = clock.now() + hold.waitMs;
  return new Promise((resolve) => {
    const cleanups: (() => void)[] = [];
    let settled = false;
    const settle = (outcome: DayOutcome): void => {
      if (settled) return;
      settled = true;
      for (const cleanup of cleanups) cleanup();
      resolve(outcome);
    };
    // The time the answer will be here: the window's time plus the time the API takes to answer.
    const expectedAt = (): number => (queued.wait()?.retryAt.getTime() ?? clock.now() + context.upstream.windowMs) + context.upstream.expectedLatencyMs();
    const stillQueued = (): void => settle({ kind: 'queued', retryAt: new Date(expectedAt()) });

    queued.answer.then(
      (entry) => settle({ kind: 'answer', entry, fromCache: false }),
      (error: unknown) => settle({ kind: 'failed', error }),
    );
    // Held only when asked: without `Prefer: wait` a day that waits for a window (again, after an
    // upstream 429) is a 429 now, with the time it will be here; with it, as soon as that time
    // passes the client's bound. A request already on its way is a response time away: held.
    const releaseIfLate = (): void => {
      if (!queued.wait() || queued.inFlight()) return;
      if (hold.waitMs === 0 || expectedAt() > deadline) stillQueued();
    };
    cleanups.push(queued.onWait(releaseIfLate));
    if (hold.waitMs > 0) {
      const timer = new AbortController();
      clock.sleep(hold.waitMs, timer.signal).then(stillQueued, () => undefined);
      cleanups.push(() => timer.abort());
    }
    const signal = hold.request?.signal;
    signal?.addEventListener('abort', stillQueued, { once: true });
    cleanups.push(() => signal?.removeEventListener('abort', stillQueued));
    // Everything is registered before anything can settle, so every cleanup runs. On shutdown a
    // client whose request is already on its way keeps waiting: the gateway drains that request.
    cleanups.push(context.held.hold(() => (queued.inFlight() ? undefined : stillQueued())));
    if (signal?.aborted) stillQueued();
    releaseIfLate();
  });
}

/**
 * The `wait` preference of RFC 7240 (`Prefer: wait=60`, possibly among others:
 * `respond-async, wait=60`), in whole seconds capped at 600; 0 when absent or unreadable.
 */
export function preferredWaitSeconds(header: string | null | undefined): number {
  if (!header) return 0;
  for (const preference of header.split(',')) {
    const match = /^\s*wait\s*=\s*"?(\d{1,6})"?\s*(;.*)?$/i.exec(preference);
    if (match) return Math.min(MAX_PREFER_WAIT_SECONDS, Number(match[1]));
  }
  return 0;
}

/**
 * The client requests held open for their day. On shutdown every one is let go at once (each
 * answers 429 with its day's expected time). A set of callbacks rather than listeners on one
 * AbortSignal: hundreds of held clients are normal, and signals warn past ten listeners.
 */
export class HeldClients {
  readonly #releases = new Set<() => void>();
  #releasedAll = false;

  get count(): number {
    return this.#releases.size;
  }

  /** Registers a held client; returns the function that unregisters it. */
  hold(release: () => void): () => void {
    if (this.#releasedAll) {
      release();
      return () => undefined;
    }
    this.#releases.add(release);
    return () => this.#releases.delete(release);
  }

  releaseAll(): void {
    this.#releasedAll = true;
    for (const release of [...this.#releases]) release();
    this.#releases.clear();
  }
}

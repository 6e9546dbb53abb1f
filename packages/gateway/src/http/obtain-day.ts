import { todayInSaoPaulo } from '@zen-leads/core';
import type { MemoEntry } from '../upstream/answer-memo.js';
import { ageMs } from '../upstream/answer-freshness.js';
import type { QueuedDay } from '../upstream/queued-day.js';
import type { QueueRefusal } from '../upstream/upstream.js';
import type { GatewayContext } from './gateway-context.js';

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
 * open day — today — while younger than two windows, as the scheduler refreshes it each window
 * someone looks), otherwise queued for the window and held as long as the client allows.
 */
export async function obtainDay(context: GatewayContext, date: string, hold: HoldOptions): Promise<DayOutcome> {
  const now = context.upstream.clock.now();
  if (date === todayInSaoPaulo(now)) context.interest.touch(now);
  try {
    const known = await context.upstream.known(date);
    if (known && (known.final || ageMs(known.result, now) < 2 * context.windowMs)) {
      return { kind: 'answer', entry: known, fromCache: true };
    }
  } catch (error) {
    return { kind: 'failed', error };
  }
  const queued = context.upstream.queue(date, hold.keyId);
  if ('refused' in queued) return { kind: 'refused', refusal: queued };
  return holdFor(context, queued, hold);
}

function holdFor(context: GatewayContext, queued: QueuedDay, hold: HoldOptions): Promise<DayOutcome> {
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
    const expectedAt = (): number => (queued.wait()?.retryAt.getTime() ?? clock.now() + context.windowMs) + context.upstream.expectedLatencyMs();
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

import { todayInSaoPaulo } from '@zen-leads/core';
import type { MemoEntry } from '../upstream/answer-memo.js';
import { ageMs } from '../upstream/answer-freshness.js';
import type { QueuedDay } from '../upstream/queued-day.js';
import type { GatewayContext } from './gateway-context.js';

/** What became of a client's request for a day. */
export type DayOutcome =
  | { kind: 'answer'; entry: MemoEntry; fromCache: boolean }
  /** Not here yet: the day is queued and expected at `retryAt`. */
  | { kind: 'queued'; retryAt: Date }
  | { kind: 'failed'; error: unknown };

/** How long a client may be held for its day. */
export interface HoldOptions {
  /** From `Prefer: wait=N`; 0 answers at once unless the request is already on its way. */
  waitMs: number;
  /** The client's request: its signal says when the client went away (read only when held, as making it costs). */
  request?: Request | undefined;
}

/**
 * A day for a client: from what is known when it is fresh enough (closed days once final; an
 * open day — today — while younger than two windows, as the scheduler refreshes it each window
 * someone looks), otherwise queued for the window and held as long as the client allows.
 */
export async function obtainDay(context: GatewayContext, date: string, hold: HoldOptions): Promise<DayOutcome> {
  const now = Date.now();
  if (date === todayInSaoPaulo(now)) context.interest.touch(now);
  try {
    const known = await context.upstream.known(date);
    if (known && (known.final || ageMs(known.result, now) < 2 * context.windowMs)) {
      return { kind: 'answer', entry: known, fromCache: true };
    }
  } catch (error) {
    return { kind: 'failed', error };
  }
  return holdFor(context, context.upstream.queue(date), hold);
}

function holdFor(context: GatewayContext, queued: QueuedDay, hold: HoldOptions): Promise<DayOutcome> {
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
    const stillQueued = (): void => {
      const windowAt = queued.wait()?.retryAt.getTime() ?? Date.now() + context.windowMs;
      settle({ kind: 'queued', retryAt: new Date(windowAt + context.upstream.expectedLatencyMs()) });
    };

    queued.answer.then(
      (entry) => settle({ kind: 'answer', entry, fromCache: false }),
      (error: unknown) => settle({ kind: 'failed', error }),
    );
    // Without `Prefer: wait`, a request already sent is seconds away: hold for it. A day that
    // waits for a window is answered 429 now, with the time it will be here.
    const answerNowIfWaiting = (): void => {
      if (queued.wait() && !queued.inFlight()) stillQueued();
    };
    if (hold.waitMs > 0) {
      const timer = setTimeout(stillQueued, hold.waitMs);
      cleanups.push(() => clearTimeout(timer));
    } else {
      cleanups.push(queued.onWait(answerNowIfWaiting));
    }
    const signal = hold.request?.signal;
    signal?.addEventListener('abort', stillQueued, { once: true });
    cleanups.push(() => signal?.removeEventListener('abort', stillQueued));
    // Everything is registered before anything can settle, so every cleanup runs. On shutdown a
    // client whose request is already on its way keeps waiting: the gateway drains that request.
    cleanups.push(context.held.hold(() => (queued.inFlight() ? undefined : stillQueued())));
    if (signal?.aborted) stillQueued();
    if (hold.waitMs === 0) answerNowIfWaiting();
  });
}

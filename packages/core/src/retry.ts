import type { Clock } from './clock.js';

/** How `retry` repeats an attempt. */
export interface RetryOptions<E> {
  /** Attempts after the first. */
  retries: number;
  /** Reads a failure: retry it (after `delayMs`, or the default backoff) or give up (`false`). */
  classify(error: unknown, attempt: number): { retry: false } | { retry: true; delayMs?: number; reason: E };
  clock: Pick<Clock, 'sleep'>;
  signal?: AbortSignal;
  /** Told before each wait, e.g. to print "retrying in 1.2s". */
  onRetry?(event: { attempt: number; delayMs: number; reason: E }): void;
}

/**
 * Runs `attempt` until it succeeds, a failure is not worth retrying, or the retries run out (then
 * the last failure is thrown). The one retry loop of the repository: the client's requests (the
 * rate-limit window restarts before each attempt, inside `attempt`, which is why ofetch's own
 * retry is not used) and the apps' webhook deliveries.
 */
export async function retry<T, E>(attempt: (attemptNumber: number) => Promise<T>, options: RetryOptions<E>): Promise<T> {
  for (let attemptNumber = 0; ; attemptNumber++) {
    options.signal?.throwIfAborted();
    try {
      return await attempt(attemptNumber);
    } catch (error) {
      if (options.signal?.aborted) throw options.signal.reason;
      if (attemptNumber >= options.retries) throw error;
      const verdict = options.classify(error, attemptNumber);
      if (!verdict.retry) throw error;
      const delayMs = verdict.delayMs ?? backoffMs(attemptNumber);
      options.onRetry?.({ attempt: attemptNumber + 1, delayMs, reason: verdict.reason });
      await options.clock.sleep(delayMs, options.signal);
    }
  }
}

/** 0.5 s, 1 s, 2 s … (capped at 30 s), each scaled by a random factor in [0.5, 1.5), so that many clients do not retry in step. */
export function backoffMs(attempt: number): number {
  const base = Math.min(30_000, 500 * 2 ** attempt);
  return Math.round(base * (0.5 + Math.random()));
}

import { apiRateLimitError } from './api-rate-limit-error.js';
import type { AnswerCache, TotalsResult } from './answer-cache.js';
import type { ClientSettings } from './client-settings.js';
import type { RateLimitedError } from './errors/rate-limited-error.js';
import { ZenResponseError } from './errors/zen-response-error.js';
import { parseLeadTotalsBody } from './lead-totals-body.js';
import type { WaitEvent } from './queue-estimate.js';
import { errorForStatus } from './response-errors.js';
import { sendRequest } from './send-request.js';
import type { TokenKeys } from './token-keys.js';
import type { WindowPermit, WindowScheduler } from './window-scheduler.js';

/** What one day's fetch works with. */
export interface DayFetcher {
  settings: ClientSettings;
  scheduler: WindowScheduler;
  answers: AnswerCache;
  keys: TokenKeys;
}

type Answer = Omit<TotalsResult, 'waitedMs'>;

/**
 * One day's totals: from the cache, from whoever fetches the day while this call waits, or from
 * the API within the token's window. A 429 in wait mode rejoins the queue at its head.
 */
export async function fetchDay(fetcher: DayFetcher, date: string, signal: AbortSignal | undefined, onWait: (event: WaitEvent) => void): Promise<TotalsResult> {
  const { settings, scheduler, answers, keys } = fetcher;
  const { clock, hooks } = settings;
  const started = clock.now();
  const cacheKey = await keys.cacheFor(date);
  const answered = async (): Promise<Answer | undefined> => {
    const hit = await answers.read(cacheKey, date);
    if (hit) hooks.onCacheHit?.({ date });
    return hit;
  };
  const first = await answered();
  if (first) return { ...first, waitedMs: 0 };
  const deadline = started + settings.maxWaitMs;
  for (let front = false; ; front = true) {
    const claim = await scheduler.claim({
      key: keys.window,
      day: date,
      answerKey: cacheKey,
      mode: settings.mode,
      deadline,
      maxWaitMs: settings.maxWaitMs,
      ...(signal ? { signal } : {}),
      front,
      answered,
      onWait: (event) => {
        hooks.onWait?.(event);
        onWait(event);
      },
    });
    const waitedMs = clock.now() - started;
    if (claim.kind === 'answered') return { ...claim.value, waitedMs };
    hooks.onReserve?.({ date, waitedMs });
    const outcome = await useWindow(fetcher, claim.permit, date, cacheKey, answered, signal);
    if ('answer' in outcome) return { ...outcome.answer, waitedMs };
    const { limited } = outcome;
    if (settings.mode === 'wait' && clock.now() + limited.retryAfterMs <= deadline) continue;
    throw limited;
  }
}

/** Sends within a claimed window and settles the claim: kept when the API may have counted it. */
async function useWindow(
  fetcher: DayFetcher,
  permit: WindowPermit,
  date: string,
  cacheKey: string,
  answered: () => Promise<Answer | undefined>,
  signal: AbortSignal | undefined,
): Promise<{ answer: Answer } | { limited: RateLimitedError }> {
  const { settings, answers } = fetcher;
  let reached = false;
  let keep = true;
  try {
    // Another process may have fetched this day between our last look and the claim.
    const meanwhile = await answered();
    if (meanwhile) return { answer: meanwhile };
    const { response, body } = await sendRequest(settings, date, signal, { beforeAttempt: () => permit.restart(), onReached: () => (reached = true) });
    if (response.status === 200) {
      const { totals, raw } = parseLeadTotalsBody(body, 200);
      if (totals.date !== date) {
        throw new ZenResponseError(`The API answered with the totals of ${totals.date} when asked for ${date}; nothing was kept.`, 'Try again later.', { status: 200, path: 'data' });
      }
      const fetchedAt = settings.clock.now();
      await answers.write(cacheKey, date, body, fetchedAt);
      await permit.announce();
      return { answer: { totals, raw, body, fromCache: false, fetchedAt: new Date(fetchedAt) } };
    }
    if (response.status === 429) {
      // The API did not count it: its next-available time replaces our claim.
      const limited = apiRateLimitError(response, body, settings.clock.now(), settings.apiWindowMs);
      keep = false;
      await permit.rateLimited(limited.retryAfterMs);
      settings.hooks.onRateLimited?.({ date, cooldownMs: limited.retryAfterMs, retryAt: limited.retryAt });
      return { limited };
    }
    // The API checks the token before it counts a request (docs/spec-notes.md), so a 401 spends nothing.
    if (response.status === 401) reached = false;
    throw errorForStatus(response.status, body);
  } finally {
    if (keep && !reached) await permit.release().catch(() => undefined);
  }
}

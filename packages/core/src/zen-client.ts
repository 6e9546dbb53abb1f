/**
 * The client: `createZenClientBase` and one day's fetch — the cache, the token's window, the
 * send, the answer kept — with concurrent calls for one day sharing one flight.
 */
import { apiRateLimitError, parseLeadTotalsBody, errorForStatus } from './response.js';
import { AnswerCache, type TotalsResult, RefusalMemory } from './answer-cache.js';
import { type ClientSettings, REFUSAL_MEMORY_MS, settleOptions, type ZenClientBaseOptions } from './client-settings.js';
import { RateLimitedError, ZenAuthError, type ZenError, ZenNetworkError, ZenResponseError, ZenServerError } from './errors.js';
import { fetchFromGateway, fromGateway, GatewayMemory } from './gateway-pacing.js';
import { formatDuration, plural } from './human-format.js';
import { type WaitEvent, type WindowPermit, WindowScheduler } from './window-scheduler.js';
import { formatSaoPauloDateTime } from './sao-paulo-calendar.js';
import { sendRequest } from './send-request.js';
import { type TokenKeys, tokenKeysOf } from './token.js';
import type { LeadTotals } from './model.js';
import { validateDate } from './sao-paulo-calendar.js';

/** Options of one call. */
export interface GetTotalsOptions {
  /** Gives up waiting (and cancels the request when no other caller shares it). */
  signal?: AbortSignal;
  /** Told when this call starts to wait, and when its place or expected time moves. */
  onWait?(event: WaitEvent): void;
}

/** A client for one integration URL and token. */
export interface ZenClient {
  /** The day's totals (`YYYY-MM-DD`, a São Paulo calendar day, not after today). */
  getTotals(date: string, options?: GetTotalsOptions): Promise<LeadTotals>;
  /** The same, with the body as sent, whether it came from the cache, and when it was fetched. */
  getTotalsResult(date: string, options?: GetTotalsOptions): Promise<TotalsResult>;
  /** The day's answer if the cache has it; never sends, never waits. */
  cached(date: string): Promise<TotalsResult | undefined>;
}

/**
 * A client with every part supplied by the host: no default transport or clock is imported, so
 * a bundle made from this entry carries no ofetch and no timers (the n8n node needs that).
 *
 * @example
 * ```ts
 * const zen = createZenClientBase({ url, token, transport: myTransport, clock: myClock });
 * ```
 */
export function createZenClientBase(options: ZenClientBaseOptions): ZenClient {
  const settings = settleOptions(options);
  const scheduler = new WindowScheduler({ store: settings.store, clock: settings.clock, windowMs: settings.windowMs, apiWindowMs: settings.apiWindowMs });
  const answers = new AnswerCache({ cache: settings.cache, pastDayTtlMs: settings.pastDayCacheTtlMs, todayTtlMs: settings.windowMs });
  const keys = tokenKeysOf(settings.url, settings.token);
  const flights = new SingleFlight<string, TotalsResult, WaitEvent>();
  const fetcherOf = keys.then(
    (known): DayFetcher => ({
      settings,
      scheduler,
      answers,
      keys: known,
      refusals: new RefusalMemory({ cache: settings.cache, key: known.refusal, clock: settings.clock, memoryMs: REFUSAL_MEMORY_MS }),
      gateway: new GatewayMemory(settings, known.gateway),
    }),
  );

  const getTotalsResult = async (date: string, call: GetTotalsOptions = {}): Promise<TotalsResult> => {
    const day = validateDate(date, settings.clock.now());
    const fetcher = await fetcherOf;
    return flights.run(day, (signal, report) => fetchDay(fetcher, day, signal, report), {
      ...(call.signal ? { signal: call.signal } : {}),
      ...(call.onWait ? { onEvent: call.onWait } : {}),
    });
  };

  return {
    getTotalsResult,
    getTotals: async (date, call) => (await getTotalsResult(date, call)).totals,
    cached: async (date) => {
      const day = validateDate(date, settings.clock.now());
      const hit = await answers.read(await (await keys).cacheFor(day), day);
      return hit && { ...hit, waitedMs: 0 };
    },
  };
}

/** What one day's fetch works with. */
export interface DayFetcher {
  settings: ClientSettings;
  scheduler: WindowScheduler;
  answers: AnswerCache;
  keys: TokenKeys;
  refusals: RefusalMemory;
  gateway: GatewayMemory;
}

type Answer = Omit<TotalsResult, 'waitedMs'>;

/** What became of one window's request. */
type WindowOutcome =
  | { kind: 'answer'; answer: Answer }
  /** The API answered 429: not counted, its next-available time replaced our claim. */
  | { kind: 'limited'; limited: RateLimitedError }
  /** A timeout, reset or 5xx: the API may have counted it, so the window is spent. */
  | { kind: 'reached-failure'; failure: ZenError }
  /** The URL is a gateway: the claim went back, the gateway paces. */
  | { kind: 'gateway' };

/**
 * One day's totals: from the cache, from whoever fetches the day while this call waits, or from
 * the API within the token's window. A 429 in wait mode rejoins the queue at its head; so does a
 * failure that may have reached the API, whose retry waits for the next window (at most
 * `retries` times). A remembered 401 fails at once; a gateway is left to pace.
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
  await fetcher.refusals.check();
  const deadline = started + settings.maxWaitMs;
  const waited = (answer: Answer): TotalsResult => ({ ...answer, waitedMs: clock.now() - started });
  const report = (event: WaitEvent): void => {
    hooks.onWait?.(event);
    onWait(event);
  };
  if (settings.gateway || (await fetcher.gateway.known())) return waited(await viaGateway(fetcher, date, cacheKey, deadline, signal, report));
  let failure: ZenError | undefined;
  for (let front = false, attempts = 0; ; front = true) {
    let claim;
    try {
      claim = await scheduler.claim({ key: keys.window, day: date, answerKey: cacheKey, mode: settings.mode, deadline, maxWaitMs: settings.maxWaitMs, ...(signal ? { signal } : {}), front, answered, onWait: report });
    } catch (error) {
      // The next window is past the caller's bound: the failure that spent the last one is the story.
      if (failure && error instanceof RateLimitedError) throw exhausted(failure, attempts, settings, error.retryAt);
      throw error;
    }
    if (claim.kind === 'answered') return waited(claim.value);
    hooks.onReserve?.({ date, waitedMs: clock.now() - started });
    const outcome = await useWindow(fetcher, claim.permit, date, cacheKey, answered, signal);
    switch (outcome.kind) {
      case 'answer':
        return waited(outcome.answer);
      case 'gateway':
        return waited(await viaGateway(fetcher, date, cacheKey, deadline, signal, report));
      case 'limited':
        if (settings.mode === 'wait' && clock.now() + outcome.limited.retryAfterMs <= deadline) continue;
        throw outcome.limited;
      case 'reached-failure':
        failure = outcome.failure;
        attempts++;
        if (settings.mode === 'fail' || attempts > settings.retries) throw exhausted(failure, attempts, settings);
        hooks.onRetry?.({ date, attempt: attempts, delayMs: settings.windowMs, error: failure });
    }
  }
}

/** Sends within a claimed window and settles the claim: kept when the API may have counted it. */
async function useWindow(fetcher: DayFetcher, permit: WindowPermit, date: string, cacheKey: string, answered: () => Promise<Answer | undefined>, signal: AbortSignal | undefined): Promise<WindowOutcome> {
  const { settings, answers } = fetcher;
  let reached = false;
  let keep = true;
  let delivered = false;
  try {
    // Another process may have fetched this day between our last look and the claim.
    const meanwhile = await answered();
    if (meanwhile) return { kind: 'answer', answer: meanwhile };
    // …or learnt that the token is refused: then nothing is sent, and the claim goes back.
    await fetcher.refusals.check();
    let sent;
    try {
      sent = await sendRequest(settings, date, { signal, beforeAttempt: () => permit.restart(), onReached: () => (reached = true) });
    } catch (error) {
      if (reached && error instanceof ZenNetworkError) return { kind: 'reached-failure', failure: error };
      throw error;
    }
    const { response, body } = sent;
    if (fromGateway(response)) {
      // Our claim paced nothing: the gateway holds the token's window.
      reached = false;
      await fetcher.gateway.remember();
      if (response.status !== 200) return { kind: 'gateway' };
    }
    if (response.status === 200) {
      const { totals, raw } = parseLeadTotalsBody(body, 200);
      if (totals.date !== date) {
        throw new ZenResponseError(`The API answered with the totals of ${totals.date} when asked for ${date}; nothing was kept.`, 'Try again later.', { status: 200, path: 'data' });
      }
      const fetchedAt = settings.clock.now();
      await answers.write(cacheKey, date, body, fetchedAt);
      await permit.announce();
      delivered = true;
      return { kind: 'answer', answer: { totals, raw, body, fromCache: false, fetchedAt: new Date(fetchedAt) } };
    }
    if (response.status === 429) {
      // The API did not count it: its next-available time replaces our claim.
      const limited = apiRateLimitError(response, body, settings.clock.now(), settings.apiWindowMs);
      keep = false;
      await permit.rateLimited(limited.retryAfterMs);
      settings.hooks.onRateLimited?.({ date, cooldownMs: limited.retryAfterMs, retryAt: limited.retryAt });
      return { kind: 'limited', limited };
    }
    const failure = errorForStatus(response.status, body);
    if (failure instanceof ZenServerError) return { kind: 'reached-failure', failure };
    if (failure instanceof ZenAuthError) {
      // The API checks the token before it counts a request (docs/spec/assumptions.md): a 401 spends nothing.
      reached = false;
      await fetcher.refusals.remember(failure);
    }
    throw failure;
  } finally {
    if (keep && !reached) await permit.release().catch(() => undefined);
    // Counted, perhaps, but no answer: the window stays spent, and its day is no longer on its way.
    else if (keep && !delivered) await permit.spent().catch(() => undefined);
  }
}

/** The gateway paces: fetch through it, and keep its answer like any other. */
async function viaGateway(fetcher: DayFetcher, date: string, cacheKey: string, deadline: number, signal: AbortSignal | undefined, onWait: (event: WaitEvent) => void): Promise<Answer> {
  try {
    const answer = await fetchFromGateway(fetcher.settings, date, deadline, signal, onWait);
    await fetcher.answers.write(cacheKey, date, answer.body, answer.fetchedAt.getTime());
    return answer;
  } catch (error) {
    if (error instanceof ZenAuthError) await fetcher.refusals.remember(error);
    throw error;
  }
}

/**
 * The last failure, told with how many windows it took. Each attempt may have been counted by
 * the API, so each had a window of its own; `nextAt` is set when the next one was past the wait.
 */
function exhausted(failure: ZenError, attempts: number, settings: ClientSettings, nextAt?: Date): ZenError {
  const clauses = [
    attempts > 1 ? `${plural(attempts, 'attempt')}, one per window since the API may count each` : '',
    nextAt ? `the next window, at ${formatSaoPauloDateTime(nextAt)} (America/Sao_Paulo), is past the maximum wait of ${formatDuration(settings.maxWaitMs)}` : '',
  ].filter(Boolean);
  const told = clauses.length > 0 ? ` (${clauses.join('; ')})` : '';
  const options = { attempts, ...(failure.status === undefined ? {} : { status: failure.status }), ...(failure.apiMessage === undefined ? {} : { apiMessage: failure.apiMessage }) };
  if (failure instanceof ZenNetworkError) {
    const problem = failure.reason === 'timeout' ? `The API took longer than the ${formatDuration(settings.timeoutMs)} timeout${told}.` : `${failure.problem.replace(/\.$/, '')}${told}.`;
    const hint = failure.reason === 'timeout' ? 'Raise timeoutMs: the API may be slow today, and it counts what it answers late.' : failure.hint;
    return new ZenNetworkError(problem, hint, failure.reason, options);
  }
  return new ZenServerError(`${failure.problem.replace(/\.$/, '')}${told}.`, failure.hint, options);
}

/** One shared piece of work and the callers waiting on it. */
interface Flight<V, E> {
  promise: Promise<V>;
  /** Present when every caller brought a signal: then the work stops once all have given up. */
  controller: AbortController | undefined;
  callers: number;
  listeners: Set<(event: E) => void>;
  lastEvent: E | undefined;
}

/**
 * Concurrent calls for one key share one run of the work, and each sees the progress events it
 * reports (the latest replayed to a late joiner). The work is cancelled only when every caller
 * sharing it has given up; a caller without a signal never gives up.
 */
export class SingleFlight<K, V, E> {
  readonly #flights = new Map<K, Flight<V, E>>();

  run(key: K, work: (signal: AbortSignal | undefined, report: (event: E) => void) => Promise<V>, caller: { signal?: AbortSignal; onEvent?: (event: E) => void } = {}): Promise<V> {
    const { signal, onEvent } = caller;
    signal?.throwIfAborted();
    let flight = this.#flights.get(key);
    if (!flight) {
      const started: Flight<V, E> = { promise: undefined as never, controller: signal ? new AbortController() : undefined, callers: 0, listeners: new Set(), lastEvent: undefined };
      const report = (event: E): void => {
        started.lastEvent = event;
        for (const listener of [...started.listeners]) listener(event);
      };
      started.promise = work(started.controller?.signal, report).finally(() => {
        if (this.#flights.get(key) === started) this.#flights.delete(key);
      });
      this.#flights.set(key, started);
      flight = started;
    } else if (!signal && flight.controller) {
      // A caller who cannot cancel joins: the work must now finish whatever the others do.
      flight.controller = undefined;
    }
    const joined = flight;
    joined.callers++;
    if (onEvent) {
      joined.listeners.add(onEvent);
      if (joined.lastEvent !== undefined) onEvent(joined.lastEvent);
    }
    const leave = (): void => {
      if (onEvent) joined.listeners.delete(onEvent);
    };
    if (!signal) return joined.promise.finally(leave);
    return abortable(joined.promise, signal, () => {
      leave();
      if (--joined.callers === 0 && joined.controller) {
        this.#flights.delete(key);
        joined.controller.abort(signal.reason);
      }
    }).finally(leave);
  }
}

/**
 * Settles with `promise`, or rejects with the signal's reason when it aborts first (calling
 * `onAbort`). The one abort race of the repository.
 */
export function abortable<T>(promise: Promise<T>, signal: AbortSignal, onAbort: () => void = () => {}): Promise<T> {
  if (signal.aborted) {
    onAbort();
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const abort = (): void => {
      onAbort();
      reject(signal.reason);
    };
    signal.addEventListener('abort', abort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
}

import { AnswerCache, type TotalsResult } from './answer-cache.js';
import { REFUSAL_MEMORY_MS, settleOptions, type ZenClientBaseOptions } from './client-settings.js';
import { fetchDay, type DayFetcher } from './fetch-day.js';
import { GatewayMemory } from './gateway-pacing.js';
import type { LeadTotals } from './model.js';
import type { WaitEvent } from './queue-estimate.js';
import { RefusalMemory } from './refusal-memory.js';
import { SingleFlight } from './single-flight.js';
import { tokenKeysOf } from './token-keys.js';
import { validateDate } from './validate-input.js';
import { WindowScheduler } from './window-scheduler.js';

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

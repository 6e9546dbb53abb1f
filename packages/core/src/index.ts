/**
 * `@zen-leads/core`: a client for CRM Zen's "Totais de Distribuição de Leads por usuários" API
 * that never wastes the token's 5-minute window and never leaks the token, with the default
 * transport (ofetch over `fetch`) and clock (timers) wired in.
 *
 * @example
 * ```ts
 * import { createZenClient, toUserRows, yesterdayInSaoPaulo } from '@zen-leads/core';
 * const zen = createZenClient({ url: process.env.ZEN_URL!, token: process.env.ZEN_TOKEN! });
 * const totals = await zen.getTotals(yesterdayInSaoPaulo());
 * console.table(toUserRows(totals));
 * ```
 * @module
 */
import type { Clock } from './clock.js';
import type { ZenClientBaseOptions } from './client-settings.js';
import { ofetchTransport, systemClock } from './defaults.js';
import type { ZenTransport } from './transport.js';
import { createZenClientBase, type ZenClient } from './zen-client.js';

export * from './base.js';

/** Options of `createZenClient`: the base options with the transport and clock optional. */
export interface ZenClientOptions extends Omit<ZenClientBaseOptions, 'transport' | 'clock'> {
  /** A `fetch` for the default transport (a proxy-aware one, the simulator's, a test double…). */
  fetch?: typeof fetch;
  /** Replaces the default transport entirely. */
  transport?: ZenTransport;
  /** Replaces the real clock (tests, hosts with their own timers). */
  clock?: Clock;
}

/**
 * A client for one integration URL and token. Options are checked at once: a bad URL or token
 * throws `ZenInputError` here, before anything is sent.
 *
 * @example
 * ```ts
 * const zen = createZenClient({ url, token, onRateLimit: 'fail' });
 * const { totals, fromCache } = await zen.getTotalsResult('2026-11-24');
 * ```
 */
export function createZenClient(options: ZenClientOptions): ZenClient {
  return createZenClientBase({
    ...options,
    transport: options?.transport ?? ofetchTransport(options?.fetch),
    clock: options?.clock ?? systemClock,
  });
}

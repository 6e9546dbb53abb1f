/**
 * `@zen-leads/core`: a client for CRM Zen's "Totais de Distribuição de Leads por usuários" API,
 * with the default transport (ofetch over `fetch`) and clock (timers) wired in.
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
import { ofetchTransport } from './ofetch-transport.js';
import { ZenInputError } from './errors/zen-input-error.js';
import { systemClock } from './system-clock.js';
import type { ZenTransport } from './transport.js';
import { createZenClientBase, type ZenClient, type ZenClientBaseOptions } from './zen-client.js';

export * from './base.js';
export { ofetchTransport } from './ofetch-transport.js';
export { systemClock } from './system-clock.js';

/** Options of `createZenClient`: the base options with the transport and clock optional. */
export interface ZenClientOptions extends Omit<ZenClientBaseOptions, 'transport' | 'clock'> {
  /** A `fetch` for the default ofetch transport (a proxy-aware one, a test double…). */
  fetch?: typeof fetch;
  /** Replaces the default transport entirely. */
  transport?: ZenTransport;
  /** Replaces the real clock (tests, hosts with their own timers). */
  clock?: Clock;
}

/** A client for one integration URL and token, with the default transport and clock. */
export function createZenClient(options: ZenClientOptions): ZenClient {
  if (typeof options !== 'object' || options === null) {
    throw new ZenInputError('options', 'createZenClient needs an options object: { url, token }.');
  }
  return createZenClientBase({
    ...options,
    transport: options.transport ?? ofetchTransport(options.fetch),
    clock: options.clock ?? systemClock,
  });
}

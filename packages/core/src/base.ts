/**
 * `@zen-leads/core/base`: the public surface without the default transport (ofetch) and clock
 * (timers), for hosts that bring their own — n8n, a worker, a test. A bundle of this entry holds
 * no ofetch, no `setTimeout`, no `globalThis`.
 *
 * @module
 */
export type { BreakdownEntry, Dimension, LeadErrorCounts, LeadTotals, UserLeadTotals } from './model.js';
export { DIMENSIONS, DIMENSION_FIELDS } from './model.js';
export { decodeLeadTotals } from './response.js';
export { createZenClientBase, type GetTotalsOptions, type ZenClient } from './zen-client.js';
export type { TotalsResult } from './answer-cache.js';
export type { ZenClientBaseOptions, ZenHooks } from './client-settings.js';
export type { WaitEvent, WaitReason } from './window-scheduler.js';
export type { RateLimitMode } from './window-scheduler.js';
export type { Clock } from './clock.js';
export type { TransportRequest, TransportResponse, ZenTransport } from './transport.js';
export type { WindowStore, EnqueueOptions, QueueTicket, Reservation, ResponseCache, WindowClaim } from './window-store.js';
/** @deprecated Renamed `WindowStore` (the store of the token's window); this alias goes in the next major. */
export type { WindowStore as CooldownStore } from './window-store.js';
export { MemoryStore, type MemoryStoreOptions } from './window-store.js';
export {
  addDays,
  dateRange,
  daysBetween,
  formatSaoPauloDateTime,
  isCalendarDate,
  saoPauloDateOf,
  todayInSaoPaulo,
  yesterdayInSaoPaulo,
} from './sao-paulo-calendar.js';
export { BUSINESS_HOURS, isWithinHours, nextHoursStart, saoPauloClockOf, type DailyHours } from './sao-paulo-hours.js';
export { USER_COLUMNS, toUserRows, type UserRow } from './views/user-rows.js';
export { BREAKDOWN_COLUMNS, toBreakdownRows, type BreakdownRow } from './views/breakdown-rows.js';
export { summarize, type DaySummary } from './views/day-summary.js';
export { fairnessOf, type Fairness } from './views/fairness.js';
export {
  ZenError,
  isZenError,
  type ZenErrorCode,
  type ZenErrorJSON,
  type ZenErrorOptions,
  zenErrorOf,
  type KnownZenError,
  ZenInputError,
  type ZenInputField,
  type ZenInputReason,
  ZenBadRequestError,
  ZenAuthError,
  type ZenAuthErrorOptions,
  type ZenAuthReason,
  ZenMethodError,
  RateLimitedError,
  type RateLimitReason,
  type RateLimitedErrorOptions,
  ZenServerError,
  ZenNetworkError,
  type ZenNetworkReason,
  ZenResponseError,
  type ZenResponseErrorOptions,
  type ZenResponseReason,
} from './errors.js';

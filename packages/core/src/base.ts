/**
 * `@zen-leads/core/base`: everything in the core except the default transport (ofetch) and
 * clock (timers). Hosts that bring their own — n8n, a worker, a test — import from here, and a
 * bundle of this entry holds no ofetch, no `setTimeout`, no `globalThis`.
 */
export type { BreakdownEntry, Dimension, LeadErrorCounts, LeadTotals, UserLeadTotals } from './model.js';
export { DIMENSIONS, DIMENSION_FIELDS } from './model.js';
export {
  API_WINDOW_MS,
  PAST_DAY_CACHE_TTL_MS,
  WINDOW_SAFETY_MARGIN_MS,
  backoffMs,
  createZenClientBase,
  type GetTotalsOptions,
  type TotalsResult,
  type ZenClient,
  type ZenClientBaseOptions,
  type ZenHooks,
} from './zen-client.js';
export type { Clock } from './clock.js';
export type { TransportRequest, TransportResponse, ZenTransport } from './transport.js';
export { isResponseCache, type CooldownStore, type Reservation, type ResponseCache } from './cooldown-store.js';
export { MemoryStore, type MemoryStoreOptions } from './memory-store.js';
export {
  RateLimitGuard,
  formatDuration,
  type AcquireOptions,
  type GuardHooks,
  type Permit,
  type RateLimitGuardOptions,
  type RateLimitMode,
} from './rate-limit-guard.js';
export {
  RATE_LIMIT_MARGIN_MS,
  cooldownAfterRateLimit,
  parseRateLimitMessage,
  retryAfterMs,
  type RateLimitEvidence,
  type RateLimitMessage,
} from './rate-limit-message.js';
export { excerptOf, parseLeadTotalsBody } from './lead-totals-body.js';
export { apiMessageOf, errorForStatus } from './response-errors.js';
export { validateDate, validateDuration, validateToken, validateUrl } from './validate-input.js';
export {
  SAO_PAULO_TIME_ZONE,
  addDays,
  dateRange,
  daysBetween,
  formatSaoPauloDateTime,
  isCalendarDate,
  parseSaoPauloDateTime,
  saoPauloDateOf,
  todayInSaoPaulo,
  yesterdayInSaoPaulo,
} from './sao-paulo-calendar.js';
export { sha256Hex } from './sha256.js';
export { toUserRows, type UserRow } from './views/user-rows.js';
export { toBreakdownRows, type BreakdownRow } from './views/breakdown-rows.js';
export { summarize, type DaySummary } from './views/day-summary.js';
export { fairnessOf, type Fairness } from './views/fairness.js';
export { ZenError, isZenError, type ZenErrorJSON, type ZenErrorOptions } from './errors/zen-error.js';
export { ZenInputError, type ZenInputField } from './errors/zen-input-error.js';
export { ZenBadRequestError } from './errors/zen-bad-request-error.js';
export { ZenAuthError, authReasonOf, type ZenAuthReason } from './errors/zen-auth-error.js';
export { ZenMethodError } from './errors/zen-method-error.js';
export { RateLimitedError, type RateLimitedErrorOptions } from './errors/rate-limited-error.js';
export { ZenServerError } from './errors/zen-server-error.js';
export { ZenNetworkError, type ZenNetworkReason } from './errors/zen-network-error.js';
export { ZenResponseError, type ZenResponseErrorOptions } from './errors/zen-response-error.js';

/**
 * `@zen-leads/core/internal`: parts the other packages of this repository share (the CLI, the
 * history, the gateway, the n8n node, the apps). Not part of the public API and not covered by
 * semantic versioning: applications import from `@zen-leads/core`.
 *
 * @module
 */
export { API_WINDOW_MS, MAX_BODY_BYTES, PAST_DAY_CACHE_TTL_MS, REFUSAL_MEMORY_MS, WINDOW_MARGIN_MS, type ClientSettings } from './client-settings.js';
export { GATEWAY_HEADER, MAX_PREFER_WAIT_SECONDS, fromGateway } from './gateway-pacing.js';
export { formatDuration, ordinal, plural } from './human-format.js';
export { backoffMs, retry, type RetryOptions } from './send-request.js';
export { abortable } from './zen-client.js';
export { retryAfterMs } from './api-messages.js';
export { API_MESSAGES, parseRateLimitMessage, rateLimitMessage, type RateLimitMessage } from './api-messages.js';
export { apiMessageOf, authReasonOf, excerptOf, parseLeadTotalsBody } from './response.js';
export { isLoopbackHost, validateDuration, validateToken, validateUrl } from './client-settings.js';
export { resolveDay, validateDate } from './sao-paulo-calendar.js';
export { isDailyHours, msOfClockTime, saoPauloMidnight } from './sao-paulo-hours.js';
export { SHORT_TOKEN, sha256Hex, normalisedUrl, tokenKeysOf, type TokenKeys } from './token.js';
export { isFinalAnswer, nonexistentDateOf, nonexistentDateReason, parseSaoPauloDateTime, SAO_PAULO_TIME_ZONE, type NonexistentDate } from './sao-paulo-calendar.js';
export { ofetchTransport, systemClock } from './defaults.js';
export { formatCsv, type CsvCell, type CsvOptions } from './views/csv.js';
export { WindowScheduler, type Claim, type ClaimRequest, type WindowPermit } from './window-scheduler.js';
export { estimateWait, type QueueEstimate } from './window-scheduler.js';
export { reserveIn, enqueueIn, dequeueIn, holdIn, releaseIn, emptyWindowState, type WindowState } from './window-store.js';
export { isUnreachableCode } from './errors.js';

/**
 * The package's one door to `@zen-leads/core`. The build bundles the core into this module
 * alone (scripts/build.mjs refuses any other importer), so both nodes share one copy of it —
 * one set of error classes and one process-wide store of the token's windows — and the core's
 * `base` entry keeps ofetch and timers out of the bundle.
 */
export { abortable, formatDuration, isUnreachableCode } from '@zen-leads/core/internal';
export {
	createZenClientBase,
	zenErrorOf,
	MemoryStore,
	ZenNetworkError,
	ZenResponseError,
	addDays,
	dateRange,
	daysBetween,
	formatSaoPauloDateTime,
	isCalendarDate,
	saoPauloDateOf,
	todayInSaoPaulo,
	yesterdayInSaoPaulo,
	summarize,
	toBreakdownRows,
	toUserRows,
} from '@zen-leads/core/base';
export type {
	Clock,
	KnownZenError,
	LeadTotals,
	RateLimitedError,
	RateLimitMode,
	TotalsResult,
	TransportRequest,
	TransportResponse,
	ZenError,
	ZenErrorCode,
	ZenHooks,
	ZenInputError,
	ZenInputReason,
	ZenTransport,
} from '@zen-leads/core/base';

/**
 * The package's one door to `@zen-leads/core`. The build bundles the core into this module
 * alone (scripts/build.mjs refuses any other importer), so both nodes share one copy of it —
 * one set of error classes and one process-wide store of the token's windows — and the core's
 * `base` entry keeps ofetch and timers out of the bundle.
 */
export { abortable, API_WINDOW_MS, formatDuration, GATEWAY_HEADER, isLoopbackHost, isUnreachableCode, sha256Hex } from '@zen-leads/core/internal';
// The whole base entry: the client needs nearly all of it anyway, and one list to keep is the core's.
export * from '@zen-leads/core/base';

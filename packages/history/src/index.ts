/**
 * `@zen-leads/history`: days of CRM Zen lead-distribution totals kept over time.
 *
 * - Stores: NDJSON (one `LeadTotals` per line) or SQLite, chosen by extension; crash-safe.
 *   PostgreSQL, by a `postgres://` URL: shared by many writers, with tables and views for BI.
 * - `openSqlite`: the runtime's own SQLite (bun:sqlite, node:sqlite; better-sqlite3 on Node 20).
 * - Snapshots (`appendSnapshot`, `readSnapshots`, `pruneSnapshots`): today's answers as fetched,
 *   stored compactly in every kind; `intradayOf`, `hourlyArrivals`, `typicalCurve` read them.
 * - `backfill`: fills a range of closed days, one request per window, resumable after a kill.
 * - `renderReport`: one self-contained HTML page with SVG charts rendered here, no scripts.
 *
 * @example
 * ```ts
 * import { createZenClient } from '@zen-leads/core';
 * import { backfill, openHistory, renderReport } from '@zen-leads/history';
 * const history = await openHistory('leads.ndjson');
 * await backfill({ client: createZenClient({ url, token }), history, from: '2026-01-01', to: '2026-01-31', windowMs: 301_000 });
 * const html = renderReport(await history.read());
 * ```
 * @module
 */
export type { AppendOptions, DayRange, HistoryFormat, HistoryIssue, HistoryStore } from './store/history-store.js';
export { HistoryFileError, isHistoryFileError, type HistoryFileErrorOptions, type HistoryFileReason } from './store/history-store.js';
export { isLeadTotals, parseLeadTotalsRecord, serializeLeadTotals } from './store/lead-totals-record.js';
export { NdjsonHistory, type NdjsonHistoryOptions } from './store/ndjson-history.js';
export { SqliteHistory, type SqliteHistoryOptions } from './store/sqlite-history.js';
export { DEFAULT_ACCOUNT, PostgresHistory, type PostgresHistoryOptions } from './store/postgres-history.js';
export { isPostgresUrl, redactedPostgresUrl } from './postgres/postgres-url.js';
export { historyAccountOf } from './postgres/history-account.js';
export { copyHistory, type CopyHistoryOptions, type CopyProgress, type CopyResult } from './store/copy-history.js';
export {
  openSqlite,
  SQLITE_UNAVAILABLE_HINT,
  type OpenSqliteOptions,
  type SqliteDatabase,
  type SqliteDriverName,
  type SqliteStatement,
  type SqlRow,
  type SqlValue,
} from './sqlite/open-sqlite.js';
export { HISTORY_EXTENSIONS, historyFormatOf, openHistory, type OpenHistoryOptions } from './store/open-history.js';
export { backfill, plannedDays, type BackfillOptions, type BackfillProgress, type BackfillResult } from './backfill/backfill.js';
export { RequestTimeline } from './backfill/backfill.js';
// Snapshots of a day that may still grow (today) and the day as a time series.
export { DEFAULT_SNAPSHOT_RETENTION_DAYS, firstKeptSnapshotDay, type TodaySnapshot } from './intraday/today-snapshot.js';
export { intradayOf, intradaysOf, type Intraday, type IntradayPoint, type IntradayUserPoint } from './intraday/intraday.js';
export { INTRADAY_COLUMNS, intradayRows, type IntradayRow } from './intraday/intraday-rows.js';
export { HOURS_OF_DAY, hourlyArrivals } from './intraday/hourly-arrivals.js';
export { TYPICAL_DAYS, typicalAt, typicalCurve, typicalCurveOf } from './intraday/typical-curve.js';
export { saoPauloHourIn } from './intraday/sao-paulo-clock.js';
export { snapshotsPathOf } from './store/ndjson-snapshots.js';
export { MemorySnapshots, type SnapshotStore } from './store/memory-snapshots.js';
export { renderReport, type ReportOptions } from './report/render-report.js';
export { reportDataOf, TOP_SERIES, type NamedSeries, type ReportData } from './report/report-data.js';
// The report's drawing parts, for hosts that compose their own page (the gateway's dashboard).
export { colored, fairnessChart, missingDaysText, REPORT_CSS } from './report/render-report.js';
export { CHART_CSS, chartLegend, lineChart, OTHER_COLOR, SERIES_COLORS, seriesColor, stackedBarChart, type ChartOptions, type ChartSeries } from './report/charts.js';
export { escapeHtml, formatCount, formatGini, formatShare } from './report/format.js';
// The languages people read the report and dashboard in, and their number and day forms.
export { DEFAULT_LANG, LANGS, dayRanges, formatsOf, langOfAcceptLanguage, langOfEnvironment, langOfTag, type Formats, type Lang } from './report/locale.js';
export { REPORT_CATALOGS, reportMessages, type ReportMessages } from './report/messages/index.js';
export { EVEN_GINI, fairnessInWords } from './report/fairness-verdict.js';

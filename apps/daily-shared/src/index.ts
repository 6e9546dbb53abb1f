/**
 * The daily job that bun-daily and deno-daily run: each app's src/main.ts hands `runDailyMain`
 * its runtime's arguments, environment and exit.
 */
export { runDailyMain, type DailyRuntime } from './daily-main.ts';
export type { DailyReport } from './daily-job.ts';
export type { DeliveryRow } from './delivery-log.ts';

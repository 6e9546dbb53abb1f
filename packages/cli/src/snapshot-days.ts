import { DEFAULT_SNAPSHOT_RETENTION_DAYS } from '@zen-leads/history';
import { CliError } from './cli-error.js';

/** How long today's snapshots are kept by default: the history's own default (35 days). */
export const DEFAULT_SNAPSHOT_DAYS: number = DEFAULT_SNAPSHOT_RETENTION_DAYS;

/** `--snapshot-days N`: a whole number of days, at least 1 (the day being watched needs its own). */
export function snapshotDaysOf(text: string | undefined): number {
  if (text === undefined) return DEFAULT_SNAPSHOT_DAYS;
  if (!/^\d{1,5}$/.test(text.trim()) || Number(text) < 1) {
    throw new CliError((say) => say.input.snapshotDays(JSON.stringify(text)), { hint: (say) => say.input.snapshotDaysExample(DEFAULT_SNAPSHOT_DAYS) });
  }
  return Number(text);
}

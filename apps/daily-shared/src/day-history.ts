/**
 * The day's totals into the local history: `@zen-leads/history`'s SQLite history, the same file
 * `zen-leads backfill` writes and `zen-leads report --in` reads. Append-only, as there: a stored
 * day is kept as it was, and today (still changing in São Paulo) is delivered but not stored.
 */
import { todayInSaoPaulo, type LeadTotals } from '@zen-leads/core';
import { openHistory } from '@zen-leads/history';

/** What happened to the day in the history. */
export type HistoryOutcome = 'inserted' | 'already-stored' | 'not-closed';

export async function storeDay(path: string, totals: LeadTotals, now: number = Date.now()): Promise<HistoryOutcome> {
  // Opened even for today: a new file gets the history's tables before any table of the job's.
  const history = await openHistory(path, { fileMode: 0o600 });
  try {
    if (totals.date >= todayInSaoPaulo(now)) return 'not-closed';
    return (await history.append(totals)) ? 'inserted' : 'already-stored';
  } finally {
    await history.close();
  }
}

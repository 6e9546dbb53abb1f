/**
 * Snapshots kept in memory, for a host without a history (a gateway without `history`, `zen-leads
 * watch` without `--history`): the same rules as the stores (nothing equal to or older than the
 * day's last), full totals kept as given. Gone with the process.
 */
import type { LeadTotals } from '@zen-leads/core';
import type { TodaySnapshot } from '../intraday/today-snapshot.js';
import { inRange, type DayRange, type HistoryStore } from './history-store.js';
import { bySnapshotOrder, isNewSnapshot } from './snapshot-record.js';
import { canonicalLeadTotals } from './lead-totals-record.js';

/** The snapshot half of a `HistoryStore`: what a host that keeps today's answers needs. */
export type SnapshotStore = Pick<HistoryStore, 'appendSnapshot' | 'readSnapshots' | 'pruneSnapshots'>;

export class MemorySnapshots implements SnapshotStore {
  readonly #byDay = new Map<string, TodaySnapshot[]>();

  async appendSnapshot(totals: LeadTotals, fetchedAt: Date): Promise<boolean> {
    const day = this.#byDay.get(totals.date) ?? [];
    if (!isNewSnapshot(day.at(-1), totals, fetchedAt)) return false;
    // A copy: the caller may go on changing its object; what was fetched then stays as it was.
    day.push({ fetchedAt: new Date(fetchedAt.getTime()), totals: structuredClone(canonicalLeadTotals(totals)) });
    this.#byDay.set(totals.date, day);
    return true;
  }

  async readSnapshots(range?: DayRange): Promise<TodaySnapshot[]> {
    return [...this.#byDay.values()].flat().filter((snapshot) => inRange(snapshot.totals.date, range)).sort(bySnapshotOrder);
  }

  async pruneSnapshots(before: string): Promise<number> {
    let removed = 0;
    for (const [date, snapshots] of this.#byDay) {
      if (date >= before) continue;
      removed += snapshots.length;
      this.#byDay.delete(date);
    }
    return removed;
  }
}

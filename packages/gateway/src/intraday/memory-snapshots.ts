import type { LeadTotals } from '@zen-leads/core';
import type { DayRange, HistoryStore, TodaySnapshot } from '@zen-leads/history';

/** Where the gateway keeps today's snapshots: the history's three methods for them. */
export type SnapshotStore = Pick<HistoryStore, 'appendSnapshot' | 'readSnapshots' | 'pruneSnapshots'>;

/**
 * Today's snapshots in this process, for a gateway without a history: the intraday views and the
 * alerts still work for the day, and a restart forgets them. Same rules as the history's stores:
 * an answer equal to the day's last snapshot, or not newer than it, is not kept.
 */
export class MemorySnapshots implements SnapshotStore {
  readonly #byDay = new Map<string, TodaySnapshot[]>();

  async appendSnapshot(totals: LeadTotals, fetchedAt: Date): Promise<boolean> {
    const day = this.#byDay.get(totals.date) ?? [];
    const last = day.at(-1);
    if (last && (last.fetchedAt.getTime() >= fetchedAt.getTime() || JSON.stringify(last.totals) === JSON.stringify(totals))) return false;
    day.push({ fetchedAt, totals });
    this.#byDay.set(totals.date, day);
    return true;
  }

  async readSnapshots(range: DayRange = {}): Promise<TodaySnapshot[]> {
    const dates = [...this.#byDay.keys()].filter((date) => (range.from === undefined || date >= range.from) && (range.to === undefined || date <= range.to)).sort();
    return dates.flatMap((date) => this.#byDay.get(date) ?? []);
  }

  async pruneSnapshots(before: string): Promise<number> {
    let removed = 0;
    for (const [date, day] of this.#byDay) {
      if (date >= before) continue;
      removed += day.length;
      this.#byDay.delete(date);
    }
    return removed;
  }
}

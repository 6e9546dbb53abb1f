import { expect, it } from 'vitest';
import type { LeadTotals } from '@zen-leads/core';
import { serializeLeadTotals, type HistoryStore, type TodaySnapshot } from '../../src/index.js';
import { day, user } from './lead-totals-samples.js';

/** How one history kind is opened, and its stored snapshot records read raw (to check compactness). */
export interface SnapshotStoreKind {
  /** A fresh, empty history; `again` opens the same one a second time (another process). */
  open(): Promise<{ history: HistoryStore; again: (options?: { readOnly?: boolean }) => Promise<HistoryStore> }>;
  /** The stored records of the history, as JSON texts, in storage order (a store that keeps them whole has none). */
  rawRecords?(history: HistoryStore): Promise<string[]>;
}

const at = (time: string, date = '2026-03-10'): Date => new Date(`${date}T${time}:00-03:00`);
const bytes = (snapshots: readonly TodaySnapshot[]): [string, string][] => snapshots.map((s) => [s.fetchedAt.toISOString(), serializeLeadTotals(s.totals)]);

/** The morning of 2026-03-10 as four answers: Bia first appears in the middle of the list, Caio leaves it. */
function morning(): [Date, LeadTotals][] {
  return [
    [at('08:00'), day('2026-03-10', [user('Ana', 1), user('Caio', 2)], { withError: 1 })],
    [at('08:05'), day('2026-03-10', [user('Ana', 3), user('Caio', 2)], { withError: 1 })],
    [at('08:10'), day('2026-03-10', [user('Ana', 3), user('Bia', 1), user('Caio', 2)], { withError: 2 })],
    [at('08:15'), day('2026-03-10', [user('Ana', 4), user('Bia', 1)], { withError: 2, duplicates: 1 })],
  ];
}

/** The behaviour every history kind shares, run by each kind's test file on a real store. */
export function snapshotStoreContract(kind: SnapshotStoreKind): void {
  it('stores each answer compactly and reads every snapshot back whole, byte for byte, in order', async () => {
    const { history } = await kind.open();
    try {
      for (const [fetchedAt, totals] of morning()) expect(await history.appendSnapshot(totals, fetchedAt)).toBe(true);
      const read = await history.readSnapshots();
      expect(bytes(read)).toEqual(morning().map(([fetchedAt, totals]) => [fetchedAt.toISOString(), serializeLeadTotals(totals)]));
      // Compact: the second answer changed only Ana, the third added Bia; unchanged users are not repeated.
      if (kind.rawRecords) {
        const raw = (await kind.rawRecords(history)).map((text) => JSON.parse(text) as { users: { name: string }[] });
        expect(raw.map((record) => record.users.map((one) => one.name))).toEqual([['Ana', 'Caio'], ['Ana'], ['Bia'], ['Ana']]);
      }
      // The days are untouched: a snapshot is not a stored day.
      expect(await history.read()).toEqual([]);
      expect(await history.has('2026-03-10')).toBe(false);
    } finally {
      await history.close();
    }
  });

  it('writes nothing for an answer equal to the last snapshot or not newer than it', async () => {
    const { history } = await kind.open();
    try {
      const answers = morning();
      const [[first, totals], [second, grown]] = [answers[0]!, answers[1]!];
      expect(await history.appendSnapshot(totals, first)).toBe(true);
      expect(await history.appendSnapshot(structuredClone(totals), new Date(first.getTime() + 300_000))).toBe(false);
      expect(await history.appendSnapshot(grown, first)).toBe(false);
      expect(await history.appendSnapshot(grown, new Date(first.getTime() - 1))).toBe(false);
      expect(await history.appendSnapshot(grown, second)).toBe(true);
      expect((await history.readSnapshots()).map((s) => s.fetchedAt.getTime())).toEqual([first.getTime(), second.getTime()]);
      if (kind.rawRecords) expect(await kind.rawRecords(history)).toHaveLength(2);
    } finally {
      await history.close();
    }
  });

  it('continues a day after reopening, filters by range, and prunes only days before the given one', async () => {
    const { history, again } = await kind.open();
    const answers = morning();
    const [[t0, a0], [t1, a1], [t2, a2], [t3, a3]] = [answers[0]!, answers[1]!, answers[2]!, answers[3]!];
    const earlier = (date: string, count: number, time: string): [LeadTotals, Date] => [day(date, [user('Ana', count)]), at(time, date)];
    await history.appendSnapshot(...earlier('2026-03-03', 5, '09:00'));
    await history.appendSnapshot(...earlier('2026-03-03', 6, '09:05'));
    await history.appendSnapshot(...earlier('2026-03-09', 2, '09:00'));
    await history.appendSnapshot(a0, t0);
    await history.appendSnapshot(a1, t1);
    await history.close();

    const reopened = await again();
    try {
      // Another writer (or this one restarted) compares with the stored last snapshot.
      expect(await reopened.appendSnapshot(a1, t2)).toBe(false);
      expect(await reopened.appendSnapshot(a2, t2)).toBe(true);
      expect((await reopened.readSnapshots({ from: '2026-03-09', to: '2026-03-09' })).map((s) => s.totals.users[0]?.totalLeads)).toEqual([2]);
      expect(await reopened.pruneSnapshots('2026-03-09')).toBe(2);
      expect(await reopened.pruneSnapshots('2026-03-09')).toBe(0);
      // The day's chain survives the prune: the next answer still stores compactly and reads whole.
      expect(await reopened.appendSnapshot(a3, t3)).toBe(true);
      const left = await reopened.readSnapshots();
      expect(left.map((s) => s.totals.date)).toEqual(['2026-03-09', '2026-03-10', '2026-03-10', '2026-03-10', '2026-03-10']);
      expect(serializeLeadTotals(left.at(-1)!.totals)).toBe(serializeLeadTotals(a3));
      const reader = await again({ readOnly: true });
      try {
        expect(bytes(await reader.readSnapshots())).toEqual(bytes(left));
        await expect(reader.appendSnapshot(a3, new Date(t3.getTime() + 1))).rejects.toThrow(/read-only/);
      } finally {
        await reader.close();
      }
    } finally {
      await reopened.close();
    }
  });
}

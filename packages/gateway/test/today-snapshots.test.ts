import { addDays, todayInSaoPaulo, type LeadTotals, type TotalsResult } from '@zen-leads/core';
import { MemorySnapshots, type TodaySnapshot } from '@zen-leads/history';
import { describe, expect, it } from 'vitest';
import { saoPauloMidnight } from '@zen-leads/core/internal';
import { TodaySnapshots, type SnapshotContext } from '../src/intraday/today-snapshots.js';

// What the gateway keeps of today's answers: which become snapshots, what the alert engine is
// handed, and the once-a-day pruning — over the history's own in-memory snapshot store.

const HOUR_MS = 3_600_000;
const TODAY = todayInSaoPaulo();

function answer(date: string, at: number, leads: Record<string, number>): TotalsResult {
  const totals: LeadTotals = {
    date,
    users: Object.entries(leads).map(([name, totalLeads]) => ({ name, totalLeads, origins: [], segments: [], automations: [], productsAndServices: [] })),
    errors: { withError: 0, ungrouped: 0, contactLimitExceeded: 0, duplicates: 0 },
  };
  return { totals, raw: {}, body: JSON.stringify(totals), fromCache: false, fetchedAt: new Date(at), waitedMs: 0 };
}

describe('TodaySnapshots', () => {
  it('keeps each new answer for its own day, skips repeats and other days, hands the engine the snapshot before, and prunes once a day', async () => {
    const store = new MemorySnapshots();
    const old = addDays(TODAY, -40);
    await store.appendSnapshot(answer(old, saoPauloMidnight(old) + 9 * HOUR_MS, { Ana: 1 }).totals, new Date(saoPauloMidnight(old) + 9 * HOUR_MS));
    const seen: { snapshot: TodaySnapshot; context: SnapshotContext }[] = [];
    const lines: string[] = [];
    const snapshots = new TodaySnapshots({ store, retentionDays: 35, log: (line) => lines.push(line), onSnapshot: async (snapshot, context) => void seen.push({ snapshot, context }) });
    const nine = saoPauloMidnight(TODAY) + 9 * HOUR_MS;
    await snapshots.record(answer(TODAY, nine, { Ana: 2, Bruno: 1 }));
    await snapshots.record(answer(TODAY, nine + 300_000, { Ana: 2, Bruno: 1 })); // unchanged: no snapshot
    await snapshots.record(answer(TODAY, nine + 600_000, { Ana: 3, Bruno: 1 }));
    // A closed day's answer (fetched after its end) is the day itself, not a snapshot.
    await snapshots.record(answer(addDays(TODAY, -1), nine, { Ana: 9 }));
    expect(snapshots.stored).toBe(2);
    expect(seen.map((one) => one.snapshot.fetchedAt.getTime())).toEqual([nine, nine + 600_000]);
    expect(seen[0]!.context.previous).toBeUndefined();
    expect(seen[1]!.context.previous?.fetchedAt.getTime()).toBe(nine);
    // The 40-day-old snapshot went with the day's first.
    expect(await store.readSnapshots({ to: addDays(TODAY, -1) })).toEqual([]);
    expect(lines).toEqual(['snapshots: pruned 1 snapshots older than 35 days']);
    const intraday = await snapshots.intraday(TODAY);
    expect(intraday.points.map((point) => point.users.find((user) => user.name === 'Ana')?.newLeads)).toEqual([2, 1]);
  });

  it('after a restart, the day’s last stored snapshot is the engine’s previous one', async () => {
    const store = new MemorySnapshots();
    const nine = saoPauloMidnight(TODAY) + 9 * HOUR_MS;
    await store.appendSnapshot(answer(TODAY, nine, { Ana: 2 }).totals, new Date(nine));
    const seen: SnapshotContext[] = [];
    const snapshots = new TodaySnapshots({ store, retentionDays: 35, log: () => undefined, onSnapshot: async (_snapshot, context) => void seen.push(context) });
    await snapshots.record(answer(TODAY, nine + 300_000, { Ana: 3 }));
    expect(seen[0]?.previous?.fetchedAt.getTime()).toBe(nine);
  });
});

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addDays } from '@zen-leads/core';
import { useTempFolder } from '@zen-leads/test-support/temp-folder';
import { DEFAULT_SNAPSHOT_RETENTION_DAYS, firstKeptSnapshotDay, openHistory } from '../src/index.js';
import { day, user } from './support/lead-totals-samples.js';

const folder = useTempFolder('zen-history-retention-');

describe('snapshot retention', () => {
  it('keeps 35 São Paulo days by default, today included, whatever the machine’s zone', () => {
    expect(DEFAULT_SNAPSHOT_RETENTION_DAYS).toBe(35);
    // 01:30 UTC on the 11th is still the 10th in São Paulo.
    expect(firstKeptSnapshotDay(Date.parse('2026-03-11T01:30:00Z'))).toBe('2026-02-04');
    expect(firstKeptSnapshotDay(new Date('2026-03-11T03:30:00Z'))).toBe('2026-02-05');
    expect(firstKeptSnapshotDay(Date.parse('2026-03-10T15:00:00Z'), 1)).toBe('2026-03-10');
    for (const bad of [0, -3, 2.5, Number.NaN]) expect(() => firstKeptSnapshotDay(Date.now(), bad)).toThrow(/at least 1.*default is 35/);
  });

  it.each(['leads.ndjson', 'leads.sqlite'])('prunes a %s history to the kept days, leaving the days themselves alone', async (file) => {
    const history = await openHistory(join(folder(), file));
    try {
      const today = '2026-03-10';
      for (let back = 39; back >= 0; back--) {
        const date = addDays(today, -back);
        await history.appendSnapshot(day(date, [user('Ana', 1)]), new Date(`${date}T12:00:00Z`));
        await history.appendSnapshot(day(date, [user('Ana', 2)]), new Date(`${date}T12:05:00Z`));
        if (back > 0) await history.append(day(date, [user('Ana', 3)]));
      }
      const keepFrom = firstKeptSnapshotDay(Date.parse(`${today}T15:00:00Z`));
      expect(await history.pruneSnapshots(keepFrom)).toBe(2 * 5);
      const left = await history.readSnapshots();
      expect(new Set(left.map((snapshot) => snapshot.totals.date)).size).toBe(35);
      expect(left[0]?.totals.date).toBe(keepFrom);
      expect((await history.read()).length).toBe(39);
    } finally {
      await history.close();
    }
  });
});

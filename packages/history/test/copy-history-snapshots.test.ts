import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempFolder } from '@zen-leads/test-support/temp-folder';
import { copyHistory, openHistory, serializeLeadTotals } from '../src/index.js';
import { day, user } from './support/lead-totals-samples.js';
import { grownSnapshots } from './support/grown-snapshots.js';

const folder = useTempFolder('zen-history-copy-snapshots-');

describe('copying a history with snapshots', () => {
  it('copies the days, then the snapshots whole; a second run copies nothing', async () => {
    const source = await openHistory(join(folder(), 'leads.ndjson'));
    const destination = await openHistory(join(folder(), 'leads.sqlite'));
    try {
      const closed = day('2026-03-09', [user('Ana', 40), user('Bia', 25)], { withError: 6 });
      await source.append(closed);
      const snapshots = grownSnapshots(closed);
      for (const snapshot of snapshots) await source.appendSnapshot(snapshot.totals, snapshot.fetchedAt);
      const stored = await source.readSnapshots();
      expect(stored.length).toBeGreaterThan(10);

      expect(await copyHistory(source, destination)).toEqual({ total: 1, written: 1, alreadyThere: 0, snapshots: stored.length });
      const copied = await destination.readSnapshots();
      expect(copied.map((s) => [s.fetchedAt.toISOString(), serializeLeadTotals(s.totals)])).toEqual(stored.map((s) => [s.fetchedAt.toISOString(), serializeLeadTotals(s.totals)]));
      expect(await copyHistory(source, destination)).toEqual({ total: 1, written: 0, alreadyThere: 1, snapshots: 0 });
    } finally {
      await source.close();
      await destination.close();
    }
  });
});

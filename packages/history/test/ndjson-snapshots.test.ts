import { appendFile, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempFolder } from '@zen-leads/test-support/temp-folder';
import { NdjsonHistory, serializeLeadTotals, snapshotsPathOf } from '../src/index.js';
import { day, user } from './support/lead-totals-samples.js';
import { snapshotStoreContract } from './support/snapshot-store-contract.js';

const folder = useTempFolder('zen-history-ndjson-snapshots-');
const lines = async (path: string): Promise<string[]> => (await readFile(snapshotsPathOf(path), 'utf8')).split('\n').filter(Boolean);

describe('NDJSON history snapshots', () => {
  snapshotStoreContract({
    async open() {
      const path = join(folder(), 'leads.ndjson');
      return { history: await NdjsonHistory.open(path), again: (options) => NdjsonHistory.open(path, options) };
    },
    rawRecords: (history) => lines(history.path),
  });

  it('keeps them in a sibling file, created only by the first snapshot', async () => {
    const path = join(folder(), 'leads.ndjson');
    expect(snapshotsPathOf(path)).toBe(join(folder(), 'leads.snapshots.ndjson'));
    expect(snapshotsPathOf('/x/leads.jsonl')).toBe('/x/leads.snapshots.jsonl');
    const history = await NdjsonHistory.open(path);
    await history.append(day('2026-03-01', [user('Ana', 4)]));
    expect(await history.readSnapshots()).toEqual([]);
    await expect(stat(snapshotsPathOf(path))).rejects.toThrow(/ENOENT/);
    await history.appendSnapshot(day('2026-03-02', [user('Ana', 1)]), new Date('2026-03-02T12:00:00Z'));
    await history.close();
    expect(await lines(path)).toHaveLength(1);
    expect((await readFile(path, 'utf8')).split('\n').filter(Boolean)).toHaveLength(1);
  });

  it('ignores a torn last line when reading and cuts it off before the next append', async () => {
    const path = join(folder(), 'leads.ndjson');
    const history = await NdjsonHistory.open(path);
    await history.appendSnapshot(day('2026-03-02', [user('Ana', 1)]), new Date('2026-03-02T12:00:00Z'));
    await history.close();
    await appendFile(snapshotsPathOf(path), '{"date":"2026-03-02","fetchedAt":"2026-03-02T12:05:00.000Z","users":[{"na');
    const reader = await NdjsonHistory.open(path, { readOnly: true });
    expect((await reader.readSnapshots()).map((s) => s.fetchedAt.toISOString())).toEqual(['2026-03-02T12:00:00.000Z']);
    expect(reader.issues().map((issue) => issue.kind)).toEqual(['torn-last-line']);
    const writer = await NdjsonHistory.open(path);
    const grown = day('2026-03-02', [user('Ana', 2)]);
    expect(await writer.appendSnapshot(grown, new Date('2026-03-02T12:10:00Z'))).toBe(true);
    await writer.close();
    expect(await lines(path)).toHaveLength(2);
    const read = await (await NdjsonHistory.open(path, { readOnly: true })).readSnapshots();
    expect(serializeLeadTotals(read.at(-1)!.totals)).toBe(serializeLeadTotals(grown));
  });
});

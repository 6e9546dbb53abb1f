import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backfill, openHistory } from '../src/index.js';
import { clientFor, startSimulator, type LoopbackSimulator } from './support/loopback-simulator.js';

const EMPTY_DAY = '2025-03-02';

let dir: string;
let simulator: LoopbackSimulator;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'zen-empty-day-'));
  // As PHP sends a day without leads: no users, and `erros` as an empty array.
  simulator = await startSimulator({ dataFor: (_token, date) => (date === EMPTY_DAY ? { data: date, usuarios: [], erros: [] } : undefined) });
});
afterEach(async () => {
  await simulator.close();
  await rm(dir, { recursive: true, force: true });
});

describe.each(['leads.ndjson', 'leads.sqlite'])('a day the API returns empty (%s)', (file) => {
  it('is stored as an empty day, and counts as stored on the next run', async () => {
    const path = join(dir, file);
    let history = await openHistory(path);
    await backfill({ client: clientFor(simulator), history, from: '2025-03-01', to: '2025-03-03', windowMs: 200 });
    await history.close();

    history = await openHistory(path, { readOnly: true });
    const days = await history.read();
    await history.close();
    expect(days.map((d) => d.date)).toEqual(['2025-03-01', '2025-03-02', '2025-03-03']);
    expect(days[1]).toEqual({ date: EMPTY_DAY, users: [], errors: { withError: 0, ungrouped: 0, contactLimitExceeded: 0, duplicates: 0 } });
    if (file.endsWith('.ndjson')) {
      expect((await readFile(path, 'utf8')).split('\n')[1]).toBe(
        '{"date":"2025-03-02","users":[],"errors":{"withError":0,"ungrouped":0,"contactLimitExceeded":0,"duplicates":0}}',
      );
    }

    simulator.sim.clearLog();
    history = await openHistory(path);
    const again = await backfill({ client: clientFor(simulator), history, from: '2025-03-01', to: '2025-03-03', windowMs: 200 });
    await history.close();
    expect(again.alreadyStored).toBe(3);
    expect(simulator.sim.log).toEqual([]);
  });
});

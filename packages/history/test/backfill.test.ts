import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryStore, ZenInputError, ZenResponseError, addDays, todayInSaoPaulo } from '@zen-leads/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RequestTimeline, backfill, openHistory, type BackfillProgress } from '../src/index.js';
import { day, user } from './support/lead-totals-samples.js';
import { clientFor, startSimulator, type LoopbackSimulator } from './support/loopback-simulator.js';

let dir: string;
let simulator: LoopbackSimulator;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'zen-backfill-'));
  simulator = await startSimulator();
});
afterEach(async () => {
  await simulator.close();
  await rm(dir, { recursive: true, force: true });
});

describe('backfill', () => {
  it('requests only the days missing from the output, oldest first, one per window', async () => {
    const history = await openHistory(join(dir, 'leads.ndjson'));
    await history.append(day('2025-03-02', [user('Ana', 1)]));
    const result = await backfill({ client: clientFor(simulator), history, from: '2025-03-01', to: '2025-03-04', windowMs: 200 });
    await history.close();

    expect(simulator.fetchedDates()).toEqual(['2025-03-01', '2025-03-03', '2025-03-04']);
    expect(simulator.sim.log.every((entry) => entry.status === 200)).toBe(true);
    const times = simulator.sim.log.map((entry) => entry.at);
    for (let index = 1; index < times.length; index++) expect(times[index]! - times[index - 1]!).toBeGreaterThanOrEqual(simulator.sim.windowMs);
    expect(result).toMatchObject({ total: 4, alreadyStored: 1, storedDays: ['2025-03-01', '2025-03-03', '2025-03-04'], storedElsewhere: 0 });

    const reader = await openHistory(join(dir, 'leads.ndjson'), { readOnly: true });
    const days = await reader.read();
    expect(days.map((d) => d.date)).toEqual(['2025-03-01', '2025-03-02', '2025-03-03', '2025-03-04']);
    // What was stored is what the API served, decoded.
    const served = (await simulator.sim.payloadFor('demo-token', '2025-03-03')) as { usuarios: { nome: string }[] };
    expect(days[2]?.users.map((u) => u.name)).toEqual(served.usuarios.map((u) => u.nome));
  });

  it('a second run over a complete output sends nothing', async () => {
    const path = join(dir, 'leads.sqlite');
    let history = await openHistory(path);
    await backfill({ client: clientFor(simulator), history, from: '2025-03-01', to: '2025-03-02', windowMs: 200 });
    await history.close();
    simulator.sim.clearLog();
    history = await openHistory(path);
    const again = await backfill({ client: clientFor(simulator), history, from: '2025-03-01', to: '2025-03-02', windowMs: 200 });
    await history.close();
    expect(simulator.sim.log).toEqual([]);
    expect(again).toMatchObject({ alreadyStored: 2, storedDays: [] });
  });

  it('reports progress: the plan, each day, the next request time and an ETA that shrinks', async () => {
    const history = await openHistory(join(dir, 'leads.ndjson'));
    const timeline = new RequestTimeline();
    const events: BackfillProgress[] = [];
    await backfill({
      client: clientFor(simulator, { hooks: timeline.hooks }),
      history,
      timeline,
      from: '2025-03-01',
      to: '2025-03-03',
      windowMs: 200,
      onProgress: (progress) => events.push(progress),
    });
    await history.close();
    const phases = events.map((event) => `${event.phase}${event.date ? ` ${event.date}` : ''}`);
    expect(phases[0]).toBe('start');
    expect(phases.at(-1)).toBe('done');
    expect(phases.filter((phase) => phase.startsWith('stored'))).toEqual(['stored 2025-03-01', 'stored 2025-03-02', 'stored 2025-03-03']);
    // After the first request the client waits for the window: that is reported.
    expect(phases).toContain('waiting 2025-03-02');
    const stored = events.filter((event) => event.phase === 'stored');
    expect(stored.map((event) => [event.done, event.remaining])).toEqual([
      [1, 2],
      [2, 1],
      [3, 0],
    ]);
    expect(stored[0]!.nextRequestAt).toBeGreaterThan(Date.now() - 5_000);
    expect(stored[0]!.etaMs).toBeGreaterThan(stored[1]!.etaMs!);
    expect(stored[2]!.etaMs).toBe(0);
    expect(events[0]).toMatchObject({ total: 3, alreadyStored: 0, remaining: 3 });
  });

  it('refuses a range that is not closed days before sending anything', async () => {
    const history = await openHistory(join(dir, 'leads.ndjson'));
    const today = todayInSaoPaulo();
    const run = (from: string, to: string): Promise<unknown> => backfill({ client: clientFor(simulator), history, from, to, windowMs: 200 });
    await expect(run(addDays(today, -2), today)).rejects.toThrow(/closed days only.*today/);
    await expect(run('2025-03-05', '2025-03-01')).rejects.toThrow(ZenInputError);
    await expect(run('2025-02-30', '2025-03-01')).rejects.toThrow(/calendar day/);
    await history.close();
    expect(simulator.sim.log).toEqual([]);
  });

  it('stops when aborted, keeping the days stored so far; a new run resumes without refetching', async () => {
    const path = join(dir, 'leads.ndjson');
    let history = await openHistory(path);
    const controller = new AbortController();
    // Both runs share the window's store, as CLI runs share their store folder.
    const store = new MemoryStore();
    const run = backfill({
      client: clientFor(simulator, { minIntervalMs: 400, store }),
      history,
      from: '2025-03-01',
      to: '2025-03-04',
      windowMs: 400,
      signal: controller.signal,
      onProgress: (progress) => {
        if (progress.phase === 'stored' && progress.stored === 1) controller.abort(new Error('stop'));
      },
    });
    await expect(run).rejects.toThrow('stop');
    await history.close();
    expect(simulator.fetchedDates()).toEqual(['2025-03-01']);
    expect((await readFile(path, 'utf8')).trim().split('\n')).toHaveLength(1);

    history = await openHistory(path);
    await backfill({ client: clientFor(simulator, { minIntervalMs: 400, store }), history, from: '2025-03-01', to: '2025-03-04', windowMs: 400 });
    await history.close();
    expect(simulator.fetchedDates()).toEqual(['2025-03-01', '2025-03-02', '2025-03-03', '2025-03-04']);
    expect(simulator.sim.log.filter((entry) => entry.status !== 200)).toEqual([]);
  });

  it('stores nothing for a day when the API answers with another day', async () => {
    await simulator.close();
    simulator = await startSimulator({ dataFor: (_token, date) => (date === '2025-03-02' ? { data: '2025-03-09', usuarios: [], erros: [] } : undefined) });
    const history = await openHistory(join(dir, 'leads.ndjson'));
    const run = backfill({ client: clientFor(simulator), history, from: '2025-03-01', to: '2025-03-03', windowMs: 200 });
    await expect(run).rejects.toThrow(ZenResponseError);
    await expect(run).rejects.toThrow(/totals of 2025-03-09 when asked for 2025-03-02/);
    expect([...(await history.storedDays())]).toEqual(['2025-03-01']);
    await history.close();
  });
});

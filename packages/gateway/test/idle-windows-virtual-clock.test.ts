import { join } from 'node:path';
import { todayInSaoPaulo } from '@zen-leads/core';
import { openHistory, type HistoryStore } from '@zen-leads/history';
import { useTempFolder } from '@zen-leads/test-support/temp-folder';
import { afterEach, describe, expect, it } from 'vitest';
import { CLIENT_KEY, SwitchableStore, daysAgo } from './support/gateway-world.js';
import { API_WINDOW_MS, WINDOW_WITH_MARGIN_MS, startVirtualGateway, type VirtualGateway } from './support/virtual-gateway.js';

// The window-timing properties of the idle-window jobs, over many real 5-minute windows on the
// virtual clock. Each has one test over real sockets and real time too: idle-windows-refresh-today,
// idle-windows-event-driven and store-outage-pauses-idle-windows.

const folder = useTempFolder('zen-gateway-idle-virtual-');
let world: VirtualGateway | undefined;
let history: HistoryStore | undefined;
afterEach(async () => {
  await world?.close();
  await history?.close();
  world = history = undefined;
});

/** Someone looks at today every `everyMs` of virtual time for `forMs`; every look is a 200. */
async function lookAtToday(target: VirtualGateway, forMs: number, everyMs: number): Promise<{ misses: number }> {
  const until = target.clock.now() + forMs;
  let misses = 0;
  while (target.clock.now() < until) {
    const response = await target.get(`/api/totais_lead?data=${todayInSaoPaulo(target.clock.now())}`, { token: CLIENT_KEY, prefer: 'wait=10' });
    expect(response.status).toBe(200);
    if (response.headers.get('cache-status')?.includes('miss')) misses++;
    await response.arrayBuffer();
    await target.clock.advance(everyMs);
  }
  return { misses };
}

describe('idle windows on the virtual clock: today kept fresh while someone looks, and quiet otherwise', () => {
  it('looked at for five windows, today is refreshed each window, a window apart, never a 429; a few windows after the last look, nothing more is sent', async () => {
    world = startVirtualGateway();
    const today = todayInSaoPaulo(world.clock.now());
    await lookAtToday(world, 5 * WINDOW_WITH_MARGIN_MS, 30_000);
    const refreshed = world.upstreamRequests(today);
    expect(refreshed.length).toBeGreaterThanOrEqual(5);
    for (let index = 1; index < refreshed.length; index++) expect(refreshed[index]!.at - refreshed[index - 1]!.at).toBeGreaterThanOrEqual(API_WINDOW_MS);
    expect(world.upstreamRequests().every((entry) => entry.status === 200)).toBe(true);
    // Interest lapses 3 windows after the last look; then nothing more is sent, window after window.
    await world.clock.advance(3 * API_WINDOW_MS + 2 * WINDOW_WITH_MARGIN_MS);
    const settled = world.upstreamRequests().length;
    await world.clock.advance(10 * WINDOW_WITH_MARGIN_MS);
    expect(world.upstreamRequests()).toHaveLength(settled);
  }, 30_000);

  it('one client reading today for six windows: idle fetches equal the idle log lines and, with the client’s own, the upstream requests; a few wake-ups per window', async () => {
    const lines: string[] = [];
    world = startVirtualGateway({ gateway: () => ({ log: (line) => lines.push(line) }) });
    const today = todayInSaoPaulo(world.clock.now());
    const { misses } = await lookAtToday(world, 6 * WINDOW_WITH_MARGIN_MS, 15_000);
    const idleFetches = await world.metric('zen_gateway_idle_fetches_total{kind="today"}');
    // Virtual time stands still while the metrics are read: the numbers agree exactly.
    expect(idleFetches).toBe(lines.filter((line) => line.startsWith('idle window: refreshed today')).length);
    expect(idleFetches).toBeGreaterThanOrEqual(4);
    expect(idleFetches + misses).toBe(world.upstreamRequests(today).length);
    const wakeups = await world.metric('zen_gateway_idle_wakeups_total');
    expect(wakeups).toBeGreaterThan(0);
    expect(wakeups).toBeLessThanOrEqual(4 * 6 + 2);
    expect(world.upstreamRequests().every((entry) => entry.status === 200)).toBe(true);
  }, 30_000);

  it('with nobody looking and no history to fill, it sleeps through ten windows until someone looks', async () => {
    world = startVirtualGateway();
    await world.clock.advance(10 * WINDOW_WITH_MARGIN_MS);
    // One look at start-up, then nothing to wake for (naps are an hour long at most).
    expect(await world.metric('zen_gateway_idle_wakeups_total')).toBeLessThanOrEqual(3);
    expect(world.upstreamRequests()).toHaveLength(0);
  }, 30_000);
});

describe('a store outage on the virtual clock', () => {
  it('filling the history through a ten-window outage: one log line, no attempt, a wake or two; the store’s return resumes filling', async () => {
    // A 2 s window: the store's watch probes every half second, which a 5-minute window would make thousands of naps.
    const windowMs = 2_000;
    const withMargin = windowMs + 1_000;
    const lines: string[] = [];
    let store: SwitchableStore | undefined;
    history = await openHistory(join(folder(), 'history.ndjson'));
    const filled = history;
    world = startVirtualGateway({ windowMs, gateway: (clock) => ({ store: (store = new SwitchableStore(clock.now)), history: filled, fillFrom: daysAgo(30), log: (line) => lines.push(line) }) });
    // The first fill is fetched in the first window; real file I/O (the history) can lag the virtual
    // clock on a loaded machine, so the clock moves on in steps until it is in (20 windows at most).
    const fetched = (): boolean => lines.some((line) => line.startsWith('idle window: fetched'));
    for (let step = 0; step < 120 && !fetched(); step += 1) await world.clock.advance(500);
    expect(world.upstreamRequests().length).toBeGreaterThanOrEqual(1);

    store!.down = true;
    // Something has to touch the store to find the outage: a client does here.
    expect((await world.get(`/api/totais_lead?data=${daysAgo(40)}`)).status).toBe(503);
    const wakeupsBefore = await world.metric('zen_gateway_idle_wakeups_total');
    const sentBefore = world.upstreamRequests().length;
    const linesBefore = lines.length;
    await world.clock.advance(10 * withMargin);
    expect(world.upstreamRequests()).toHaveLength(sentBefore);
    // No attempt is logged during the outage. The outage's own line may land just after the 503
    // (it is counted once below), and a day already fetched is still stored in the history file.
    const attempts = lines.slice(linesBefore).filter((line) => /^(upstream|idle window):/.test(line));
    expect(attempts, lines.join('\n')).toEqual([]);
    expect((await world.metric('zen_gateway_idle_wakeups_total')) - wakeupsBefore).toBeLessThanOrEqual(2);

    store!.down = false;
    // Filling resumes once the watch sees the store again (its probe, then a window); as above, the
    // clock moves on in steps while real file I/O catches up (20 windows at most).
    await world.clock.advance(withMargin + 1_500);
    for (let step = 0; step < 120 && world.upstreamRequests().length <= sentBefore; step += 1) await world.clock.advance(500);
    expect(lines.filter((line) => /^store: SwitchableStore reachable again after \d+ s$/.test(line))).toHaveLength(1);
    expect(world.upstreamRequests().length).toBeGreaterThan(sentBefore);
    expect(lines.filter((line) => line.includes('unreachable since'))).toHaveLength(1);
  }, 30_000);
});

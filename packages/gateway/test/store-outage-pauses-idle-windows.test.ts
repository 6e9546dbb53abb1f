import { join } from 'node:path';
import { openHistory, type HistoryStore } from '@zen-leads/history';
import { useTempFolder } from '@zen-leads/test-support/temp-folder';
import { afterEach, describe, expect, it } from 'vitest';
import { CLIENT_KEY, SwitchableStore, WINDOW_MS, daysAgo, startGatewayWorld, type GatewayWorld } from './support/gateway-world.js';

const folder = useTempFolder('zen-gateway-store-outage-');
let world: GatewayWorld | undefined;
let history: HistoryStore | undefined;
afterEach(async () => {
  await world?.close();
  await history?.close();
  world = history = undefined;
});

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
/** The window as the core keeps it: the API's plus the core's 1 s margin. */
const WINDOW_WITH_MARGIN_MS = WINDOW_MS + 1_000;

// Over real sockets and real time; the same property through a ten-window outage runs on the
// virtual clock (idle-windows-virtual-clock.test.ts).

async function counter(world: GatewayWorld, name: string): Promise<number> {
  const text = await (await world.get('/metrics', { authorization: `Bearer ${CLIENT_KEY}` })).text();
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${name} `));
  return line === undefined ? 0 : Number(line.split(' ')[1]);
}

describe('a store outage pauses the idle-window jobs quietly, and the store’s return wakes them', () => {
  it('filling the history: during the outage one log line, no attempts, at most a wake or two; after it, filling resumes at once', async () => {
    const store = new SwitchableStore();
    const lines: string[] = [];
    history = await openHistory(join(folder(), 'history.ndjson'));
    world = await startGatewayWorld({ gateway: { store, history, fillFrom: daysAgo(30), log: (line) => lines.push(line) } });
    await sleep(WINDOW_WITH_MARGIN_MS + 500);
    expect(world.upstreamRequests().length).toBeGreaterThanOrEqual(1);

    store.down = true;
    // Something has to touch the store to find the outage: a client does here.
    expect((await world.get(`/api/totais_lead?data=${daysAgo(40)}`)).status).toBe(503);
    const wakeupsBefore = await counter(world, 'zen_gateway_idle_wakeups_total');
    const sentBefore = world.upstreamRequests().length;
    const linesBefore = lines.length;
    await sleep(1.5 * WINDOW_WITH_MARGIN_MS);
    // Fails closed, and quietly: no upstream request, no line per window, the idle-window jobs asleep.
    expect(world.upstreamRequests()).toHaveLength(sentBefore);
    expect(lines.slice(linesBefore)).toEqual([]);
    expect((await counter(world, 'zen_gateway_idle_wakeups_total')) - wakeupsBefore).toBeLessThanOrEqual(2);
    expect(lines.filter((line) => line.includes('unreachable since'))).toHaveLength(1);

    store.down = false;
    await sleep(WINDOW_WITH_MARGIN_MS + 1_500);
    expect(lines.filter((line) => /^store: SwitchableStore reachable again after \d+ s$/.test(line))).toHaveLength(1);
    expect(world.upstreamRequests().length).toBeGreaterThan(sentBefore);
    expect(lines.filter((line) => line.includes('unreachable since'))).toHaveLength(1);
  }, 40_000);
});

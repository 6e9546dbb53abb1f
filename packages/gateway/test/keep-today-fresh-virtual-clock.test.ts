import { addDays, todayInSaoPaulo } from '@zen-leads/core';
import { afterEach, describe, expect, it } from 'vitest';
import { saoPauloMidnight } from '@zen-leads/core/internal';
import { CLIENT_KEY, UPSTREAM_TOKEN } from './support/gateway-world.js';
import { API_WINDOW_MS, WINDOW_WITH_MARGIN_MS, startVirtualGateway, type VirtualGateway } from './support/virtual-gateway.js';

// Keep-today-fresh over a morning of real 5-minute windows on the virtual clock: nobody looks at
// today, yet inside the hours it is refreshed each window and every refresh is a snapshot.

let world: VirtualGateway | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

const HOUR_MS = 3_600_000;

/** Moves virtual time on in 30 s steps, so the work each window wakes (digests, stream reads) has its real turns. */
async function advance(target: VirtualGateway, ms: number): Promise<void> {
  for (let left = ms; left > 0; left -= 30_000) await target.clock.advance(Math.min(30_000, left));
}
/** Yesterday 07:00 São Paulo: a whole day that has begun, whatever the hour the suite runs at. */
const DAY = addDays(todayInSaoPaulo(), -1);
const SEVEN = saoPauloMidnight(DAY) + 7 * HOUR_MS;

describe('keep-today-fresh: today refreshed in idle windows inside its São Paulo hours, nobody looking', () => {
  it('08:00–10:00: nothing before 08:00, one request per window inside, nothing after 10:00; each answer is a snapshot in intraday.json', async () => {
    world = startVirtualGateway({ start: SEVEN, gateway: () => ({ keepTodayFresh: { from: '08:00', to: '10:00' } }) });
    await advance(world, HOUR_MS - 1_000);
    expect(world.upstreamRequests()).toHaveLength(0);
    await advance(world, 2 * HOUR_MS + 1_000);
    const requests = world.upstreamRequests(DAY);
    const inside = requests.filter((entry) => entry.at >= SEVEN + HOUR_MS && entry.at < SEVEN + 3 * HOUR_MS);
    expect(requests).toHaveLength(inside.length);
    // Two hours of 5-minute windows (plus the core's margin): one refresh in each, a window apart, never a 429.
    expect(inside.length).toBeGreaterThanOrEqual(Math.floor((2 * HOUR_MS) / WINDOW_WITH_MARGIN_MS) - 1);
    expect(inside.length).toBeLessThanOrEqual(Math.ceil((2 * HOUR_MS) / API_WINDOW_MS));
    for (let index = 1; index < inside.length; index++) expect(inside[index]!.at - inside[index - 1]!.at).toBeGreaterThanOrEqual(API_WINDOW_MS);
    expect(requests.every((entry) => entry.status === 200)).toBe(true);
    await advance(world, 2 * HOUR_MS);
    expect(world.upstreamRequests()).toHaveLength(requests.length);
    // Each answer that changed the day (the simulator's today grows through the morning) is a
    // snapshot, taken when a request was answered: none needed a request of its own.
    const snapshots = await world.metric('zen_gateway_snapshots_total');
    const intraday = (await (await world.get(`/v1/totals/${DAY}/intraday.json`, { authorization: `Bearer ${CLIENT_KEY}` })).json()) as { date: string; points: { fetchedAt: string; users: { newLeads: number }[] }[] };
    expect(intraday.date).toBe(DAY);
    expect(intraday.points.length).toBe(snapshots);
    expect(snapshots).toBeGreaterThanOrEqual(2);
    // Each snapshot is one request's answer, a different request each, stamped at that request's
    // arrival: virtual time does not move while the simulator is answering (support/virtual-gateway.ts).
    const owners = intraday.points.map((point) => requests.findIndex((entry) => entry.at === Date.parse(point.fetchedAt)));
    expect(owners.every((owner) => owner >= 0), JSON.stringify({ points: intraday.points.map((p) => p.fetchedAt), requests: requests.map((r) => r.at) })).toBe(true);
    expect(new Set(owners).size).toBe(owners.length);
    expect(world.upstreamRequests()).toHaveLength(requests.length);
  }, 60_000);

  it('a client’s day still takes the next window: keep-today-fresh only uses windows nobody queued for', async () => {
    world = startVirtualGateway({ start: SEVEN + 2 * HOUR_MS, gateway: () => ({ keepTodayFresh: { from: '00:00', to: '24:00' } }) });
    await advance(world, 3 * WINDOW_WITH_MARGIN_MS);
    const before = world.upstreamRequests().length;
    expect(before).toBeGreaterThanOrEqual(2);
    const past = addDays(DAY, -3);
    const asked = world.clock.now();
    const answer = world.get(`/v1/totals/${past}`, { authorization: `Bearer ${CLIENT_KEY}`, prefer: 'wait=600' });
    await advance(world, WINDOW_WITH_MARGIN_MS + 5_000);
    expect((await answer).status).toBe(200);
    const served = world.upstreamRequests(past);
    expect(served).toHaveLength(1);
    // At most one window after asking: the next free window was the client's, not today's.
    expect(served[0]!.at - asked).toBeLessThanOrEqual(WINDOW_WITH_MARGIN_MS);
    expect(world.upstreamRequests().slice(before)[0]!.date).toBe(past);
  }, 60_000);

  it('a token the CRM refused is asked again an hour later, not every other window (each ask would be one more 401)', async () => {
    world = startVirtualGateway({ start: SEVEN + 2 * HOUR_MS, gateway: () => ({ keepTodayFresh: { from: '00:00', to: '24:00' } }) });
    await advance(world, WINDOW_WITH_MARGIN_MS);
    expect(world.upstreamRequests().length).toBeGreaterThanOrEqual(1);
    expect(world.upstreamRequests().every((entry) => entry.status === 200)).toBe(true);
    world.simulator.addToken(UPSTREAM_TOKEN, { disabled: true });
    await advance(world, 3 * HOUR_MS);
    const refused = world.upstreamRequests().filter((entry) => entry.status === 401);
    // Three hours of windows: the first ask after the refusal, then one an hour (two windows apart would be ~18).
    expect(refused.length).toBeGreaterThanOrEqual(2);
    expect(refused.length).toBeLessThanOrEqual(4);
    for (let index = 1; index < refused.length; index++) expect(refused[index]!.at - refused[index - 1]!.at).toBeGreaterThanOrEqual(HOUR_MS);
  }, 60_000);
});

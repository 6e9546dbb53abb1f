import type { Clock } from '@zen-leads/core';
import { afterEach, describe, expect, it } from 'vitest';
import { SESSION_IDLE_SECONDS, SESSION_MAX_AGE_SECONDS } from '../src/index.js';
import { SwitchableStore, startGatewayWorld, type GatewayWorld } from './support/gateway-world.js';
import { opensDashboard, signIn } from './support/sign-in.js';

const MINUTE_MS = 60_000;

/** Real time plus a jump the test makes: the sessions see hours pass, the background work's timers stay real. */
function jumpingClock(): Clock & { jump(ms: number): void } {
  let shift = 0;
  return {
    now: () => Date.now() + shift,
    sleep: (ms, signal) =>
      new Promise<void>((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason);
        const timer = setTimeout(resolve, ms);
        signal?.addEventListener('abort', () => (clearTimeout(timer), reject(signal.reason)), { once: true });
      }),
    jump: (ms) => void (shift += ms),
  };
}

let world: GatewayWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

describe('a dashboard session ends by itself', () => {
  it(`after ${SESSION_IDLE_SECONDS / 3600} h unused (the idle lifetime), while each use moves that end on`, async () => {
    const clock = jumpingClock();
    world = await startGatewayWorld({ gateway: { clock } });
    const cookie = await signIn(world.url);
    clock.jump(SESSION_IDLE_SECONDS * 1000 - MINUTE_MS);
    expect(await opensDashboard(world.url, cookie)).toBe(true);
    clock.jump(SESSION_IDLE_SECONDS * 1000 - MINUTE_MS);
    expect(await opensDashboard(world.url, cookie)).toBe(true);
    clock.jump(SESSION_IDLE_SECONDS * 1000 + MINUTE_MS);
    expect(await opensDashboard(world.url, cookie)).toBe(false);
  });

  it(`${SESSION_MAX_AGE_SECONDS / 3600} h after signing in (the absolute lifetime), however busy`, async () => {
    const clock = jumpingClock();
    world = await startGatewayWorld({ gateway: { clock } });
    const cookie = await signIn(world.url);
    for (let hour = 1; hour < SESSION_MAX_AGE_SECONDS / 3600; hour++) {
      clock.jump(3_600_000);
      expect(await opensDashboard(world.url, cookie), `after ${hour} h`).toBe(true);
    }
    clock.jump(3_600_000);
    expect(await opensDashboard(world.url, cookie)).toBe(false);
  });
});

describe('sessions while the store is down', () => {
  it('the dashboard answers 503 naming the store (sessions live there), and is back with the store', async () => {
    const store = new SwitchableStore();
    world = await startGatewayWorld({ gateway: { store } });
    const cookie = await signIn(world.url);
    store.down = true;
    const response = await fetch(`${world.url}/`, { headers: { cookie } });
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ code: 'store-unavailable', error: expect.stringMatching(/store \(SwitchableStore\) is unreachable/) });
    store.down = false;
    await expect.poll(() => opensDashboard(world!.url, cookie), { timeout: 5_000 }).toBe(true);
  });
});

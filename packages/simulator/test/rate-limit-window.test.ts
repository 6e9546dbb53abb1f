import { describe, expect, it } from 'vitest';
import { createSimulator } from '../src/index.js';
import { callApi, errorOf, manualClock } from './simulator-requests.js';

const MINUTE = 60_000;
const rateLimited = (last: string, next: string): string =>
  `Você excedeu o número de requisições. Sua última requisição foi em "${last}". Sua próxima requisição estará disponível em "${next}"`;

describe('the rate-limit window', () => {
  it('answers 429 with the last and next times in São Paulo (UTC-3 in 2026)', async () => {
    const clock = manualClock(Date.UTC(2026, 2, 10, 12, 0, 0));
    const simulator = createSimulator({ now: clock.now });
    expect((await callApi(simulator, { token: 'demo-token', date: '2026-03-09' })).status).toBe(200);
    clock.advance(MINUTE + 30_000);
    const response = await callApi(simulator, { token: 'demo-token', date: '2026-03-09' });
    expect(response.status).toBe(429);
    expect(await errorOf(response)).toBe(rateLimited('2026-03-10 09:00:00', '2026-03-10 09:05:00'));
  });

  it('uses the time-zone rules of the day: São Paulo summer time (UTC-2) in January 2018', async () => {
    const clock = manualClock(Date.UTC(2018, 0, 15, 12, 0, 0));
    const simulator = createSimulator({ now: clock.now });
    await callApi(simulator, { token: 'demo-token', date: '2018-01-14' });
    const response = await callApi(simulator, { token: 'demo-token', date: '2018-01-14' });
    expect(await errorOf(response)).toBe(rateLimited('2018-01-15 10:00:00', '2018-01-15 10:05:00'));
  });

  it('writes the date of São Paulo across midnight UTC, hours with two digits', async () => {
    const clock = manualClock(Date.UTC(2026, 6, 1, 2, 58, 7));
    const simulator = createSimulator({ now: clock.now });
    await callApi(simulator, { token: 'demo-token', date: '2026-06-29' });
    const response = await callApi(simulator, { token: 'demo-token', date: '2026-06-29' });
    expect(await errorOf(response)).toBe(rateLimited('2026-06-30 23:58:07', '2026-07-01 00:03:07'));
  });

  it('prints the last request rounded down and the next slot rounded up to the second', async () => {
    const clock = manualClock(Date.UTC(2026, 2, 10, 12, 0, 0, 400));
    const simulator = createSimulator({ now: clock.now });
    await callApi(simulator, { token: 'demo-token', date: '2026-03-09' });
    const message = await errorOf(await callApi(simulator, { token: 'demo-token', date: '2026-03-09' }));
    expect(message).toBe(rateLimited('2026-03-10 09:00:00', '2026-03-10 09:05:01'));
    // Waiting until the printed time is always enough.
    clock.set(Date.UTC(2026, 2, 10, 12, 5, 1));
    expect((await callApi(simulator, { token: 'demo-token', date: '2026-03-09' })).status).toBe(200);
  });

  it('frees the token exactly one window after the request that spent it', async () => {
    const clock = manualClock(Date.UTC(2026, 2, 10, 12));
    const simulator = createSimulator({ now: clock.now, windowMs: 5 * MINUTE });
    await callApi(simulator, { token: 'demo-token', date: '2026-03-09' });
    clock.advance(5 * MINUTE - 1);
    expect((await callApi(simulator, { token: 'demo-token', date: '2026-03-09' })).status).toBe(429);
    clock.advance(1);
    expect((await callApi(simulator, { token: 'demo-token', date: '2026-03-09' })).status).toBe(200);
  });

  it('a 429 does not move the window', async () => {
    const clock = manualClock(Date.UTC(2026, 2, 10, 12));
    const simulator = createSimulator({ now: clock.now });
    await callApi(simulator, { token: 'demo-token', date: '2026-03-09' });
    clock.advance(4 * MINUTE);
    const first429 = await errorOf(await callApi(simulator, { token: 'demo-token', date: '2026-03-09' }));
    clock.advance(50_000);
    const second429 = await errorOf(await callApi(simulator, { token: 'demo-token', date: '2026-03-09' }));
    expect(second429).toBe(first429);
    clock.advance(10_000);
    expect((await callApi(simulator, { token: 'demo-token', date: '2026-03-09' })).status).toBe(200);
  });

  it('keeps one window per token', async () => {
    const clock = manualClock(Date.UTC(2026, 2, 10, 12));
    const simulator = createSimulator({ now: clock.now, tokens: ['first', 'second'] });
    expect((await callApi(simulator, { token: 'first', date: '2026-03-09' })).status).toBe(200);
    clock.advance(MINUTE);
    expect((await callApi(simulator, { token: 'second', date: '2026-03-09' })).status).toBe(200);
    expect((await callApi(simulator, { token: 'first', date: '2026-03-09' })).status).toBe(429);
    clock.advance(4 * MINUTE);
    expect((await callApi(simulator, { token: 'first', date: '2026-03-09' })).status).toBe(200);
    const message = await errorOf(await callApi(simulator, { token: 'second', date: '2026-03-09' }));
    expect(message).toBe(rateLimited('2026-03-10 09:01:00', '2026-03-10 09:06:00'));
  });

  it('spends the window whatever the day asked', async () => {
    const simulator = createSimulator({ now: manualClock(Date.UTC(2026, 2, 10, 12)).now });
    await callApi(simulator, { token: 'demo-token', date: '2026-03-09' });
    expect((await callApi(simulator, { token: 'demo-token', date: '2026-03-08' })).status).toBe(429);
  });

  it('honours a custom windowMs', async () => {
    const clock = manualClock(Date.UTC(2026, 2, 10, 12));
    const simulator = createSimulator({ now: clock.now, windowMs: 30_000 });
    await callApi(simulator, { token: 'demo-token', date: '2026-03-09' });
    const message = await errorOf(await callApi(simulator, { token: 'demo-token', date: '2026-03-09' }));
    expect(message).toBe(rateLimited('2026-03-10 09:00:00', '2026-03-10 09:00:30'));
    clock.advance(30_000);
    expect((await callApi(simulator, { token: 'demo-token', date: '2026-03-09' })).status).toBe(200);
  });

  it('windowMs 0 disables the limit', async () => {
    const simulator = createSimulator({ now: () => Date.UTC(2026, 2, 10, 12), windowMs: 0 });
    for (let i = 0; i < 3; i += 1) {
      expect((await callApi(simulator, { token: 'demo-token', date: '2026-03-09' })).status).toBe(200);
    }
  });

  it('resetWindows frees every token', async () => {
    const simulator = createSimulator({ now: () => Date.UTC(2026, 2, 10, 12) });
    await callApi(simulator, { token: 'demo-token', date: '2026-03-09' });
    expect((await callApi(simulator, { token: 'demo-token', date: '2026-03-09' })).status).toBe(429);
    simulator.resetWindows();
    expect((await callApi(simulator, { token: 'demo-token', date: '2026-03-09' })).status).toBe(200);
  });

  it('runs on the real clock by default', async () => {
    const simulator = createSimulator();
    await callApi(simulator, { token: 'demo-token', date: '2026-01-05' });
    const message = await errorOf(await callApi(simulator, { token: 'demo-token', date: '2026-01-05' }));
    const last = /foi em "([^"]+)"/.exec(message)?.[1] as string;
    // São Paulo has been UTC-3 all year since 2019: an offset computed without Intl.
    const expected = new Date(Date.now() - 3 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
    expect(Math.abs(Date.parse(`${last}Z`) - Date.parse(`${expected}Z`))).toBeLessThanOrEqual(2_000);
  });
});

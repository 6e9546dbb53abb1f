import { RateLimitedError, todayInSaoPaulo } from '@zen-leads/core';
import { describe, expect, it } from 'vitest';
import { GatewayMetrics } from '../src/gateway-metrics.js';
import { IdleWindowJobs, TodayInterest } from '../src/idle-window-jobs.js';
import type { Upstream } from '../src/upstream/upstream.js';
import { virtualClock } from './support/virtual-gateway.js';

const WINDOW_MS = 300_000;

const settle = async (): Promise<void> => {
  for (let turn = 0; turn < 50; turn++) await Promise.resolve();
};

describe('the idle-window jobs on a virtual clock (what a deterministic simulation drives)', () => {
  it('refreshes today once per window while someone looks, waking a bounded number of times, on the clock it was given', async () => {
    const clock = virtualClock(Date.parse('2026-11-20T15:00:00Z'));
    const today = todayInSaoPaulo(clock.now());
    let fetchedAt = clock.now();
    let windowFreeAt = clock.now() + WINDOW_MS + 1_000;
    const sent: number[] = [];
    const entry = (): unknown => ({ result: { fromCache: false, fetchedAt: new Date(fetchedAt), totals: { date: today } } });
    // Only what the jobs use of Upstream: the core's answers, on the virtual clock.
    const upstream = {
      memo: { get: () => entry() },
      known: async () => entry(),
      queueDrained: async () => undefined,
      tryIdle: async () => {
        const now = clock.now();
        if (now < windowFreeAt) throw new RateLimitedError('The window is taken.', 'Wait.', { reason: 'fail-mode', retryAt: new Date(windowFreeAt), retryAfterMs: windowFreeAt - now, windowMs: WINDOW_MS });
        sent.push(now);
        fetchedAt = now;
        windowFreeAt = now + WINDOW_MS + 1_000;
        return entry();
      },
    } as unknown as Upstream;
    const metrics = new GatewayMetrics({ clientsWaiting: () => 0, queuedDays: () => 0, windowUtilisation: () => 0 });
    const lines: string[] = [];
    const interest = new TodayInterest(WINDOW_MS, () => jobs.poke());
    const jobs: IdleWindowJobs = new IdleWindowJobs({ upstream, windowMs: WINDOW_MS, interest, metrics, log: (line) => lines.push(line), clock });
    jobs.start();
    await settle();
    // Nobody looks: asleep with no wake planned by itself (only a poke, or the hour's cap).
    expect(sent).toEqual([]);
    expect(clock.nextNap()! - clock.now()).toBe(3_600_000);

    interest.touch(clock.now());
    await settle();
    for (let windows = 0; windows < 3; windows++) {
      // Keep looking, and let virtual time run to each wake the jobs planned.
      while (sent.length === windows) {
        interest.touch(clock.now());
        await clock.advance(clock.nextNap()! - clock.now());
      }
    }
    expect(sent).toHaveLength(3);
    // One per window (the API's plus the core's 1 s margin), sent as it frees (≤ 40 ms of spread).
    for (let index = 1; index < sent.length; index++) {
      expect(sent[index]! - sent[index - 1]!).toBeGreaterThanOrEqual(WINDOW_MS + 1_000);
      expect(sent[index]! - sent[index - 1]!).toBeLessThanOrEqual(WINDOW_MS + 1_040);
    }
    expect(lines).toEqual(Array.from({ length: 3 }, () => `idle window: refreshed today (${today})`));
    expect(jobs.wakeups).toBeLessThanOrEqual(2 + 3 * 3);
    await jobs.stop();
  });
});

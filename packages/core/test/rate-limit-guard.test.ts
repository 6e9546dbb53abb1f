import { describe, expect, it } from 'vitest';
import { RateLimitedError } from '../src/errors/rate-limited-error.js';
import { MemoryStore } from '../src/memory-store.js';
import { RateLimitGuard, formatDuration } from '../src/rate-limit-guard.js';
import { ManualClock, settle } from './support/manual-clock.js';

const WINDOW = 301_000;

function setup() {
  const clock = new ManualClock();
  const store = new MemoryStore({ now: () => clock.now() });
  const events: string[] = [];
  const guard = new RateLimitGuard({
    store,
    clock,
    windowMs: WINDOW,
    hooks: {
      onWait: ({ waitMs }) => events.push(`wait ${waitMs}`),
      onReserve: ({ waitedMs }) => events.push(`reserve after ${waitedMs}`),
      onRateLimited: ({ cooldownMs }) => events.push(`429 ${cooldownMs}`),
    },
  });
  return { clock, store, guard, events };
}

describe('RateLimitGuard', () => {
  it('lets the first request through at once and makes the next wait one window', async () => {
    const { clock, guard, events } = setup();
    await guard.acquire('t', { mode: 'wait', maxWaitMs: 600_000 });
    let second = false;
    const pending = guard.acquire('t', { mode: 'wait', maxWaitMs: 600_000 }).then(() => (second = true));
    await clock.advance(WINDOW - 1);
    expect(second).toBe(false);
    await clock.advance(1);
    await pending;
    expect(second).toBe(true);
    expect(events).toEqual(['reserve after 0', `wait ${WINDOW}`, `reserve after ${WINDOW}`]);
  });

  it('fails at once in fail mode, saying when the window frees, without waiting', async () => {
    const { clock, guard } = setup();
    await guard.acquire('t', { mode: 'fail', maxWaitMs: 0 });
    await clock.advance(1000);
    const error = await guard.acquire('t', { mode: 'fail', maxWaitMs: 600_000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    const limited = error as RateLimitedError;
    expect(limited.retryAfterMs).toBe(WINDOW - 1000);
    expect(limited.retryAt.getTime()).toBe(clock.now() + WINDOW - 1000);
    expect(limited.status).toBeUndefined();
    expect(limited.message).toContain('Nothing was sent');
    expect(clock.sleeping).toBe(0);
  });

  it('refuses a wait that would pass maxWaitMs, at once', async () => {
    const { clock, guard } = setup();
    await guard.acquire('t', { mode: 'wait', maxWaitMs: 0 });
    const error = await guard.acquire('t', { mode: 'wait', maxWaitMs: 60_000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as Error).message).toContain('maximum wait of 1m');
    expect(clock.sleeping).toBe(0);
  });

  it('serves waiters first come, first served, one per window', async () => {
    const { clock, guard } = setup();
    await guard.acquire('t', { mode: 'wait', maxWaitMs: 0 });
    const order: string[] = [];
    const waiters = ['a', 'b', 'c'].map((name) =>
      guard.acquire('t', { mode: 'wait', maxWaitMs: 10 * WINDOW }).then(() => order.push(`${name}@${clock.now() - Date.parse('2026-11-24T15:00:00Z')}`)),
    );
    await clock.advance(3 * WINDOW);
    await Promise.all(waiters);
    expect(order).toEqual([`a@${WINDOW}`, `b@${2 * WINDOW}`, `c@${3 * WINDOW}`]);
  });

  it('lets a cancelled waiter free its place for the next one', async () => {
    const { clock, guard } = setup();
    await guard.acquire('t', { mode: 'wait', maxWaitMs: 0 });
    const cancel = new AbortController();
    const first = guard.acquire('t', { mode: 'wait', maxWaitMs: 10 * WINDOW, signal: cancel.signal }).catch((e: unknown) => e);
    let secondAt = 0;
    const second = guard.acquire('t', { mode: 'wait', maxWaitMs: 10 * WINDOW }).then(() => (secondAt = clock.now()));
    await clock.advance(1000);
    cancel.abort(new Error('user cancelled'));
    expect(((await first) as Error).message).toBe('user cancelled');
    await clock.advance(WINDOW);
    await second;
    expect(secondAt - Date.parse('2026-11-24T15:00:00Z')).toBe(WINDOW);
  });

  it('gives up on a queued waiter whose own deadline passes while others hold the queue', async () => {
    const { clock, guard } = setup();
    await guard.acquire('t', { mode: 'wait', maxWaitMs: 0 });
    const head = guard.acquire('t', { mode: 'wait', maxWaitMs: 10 * WINDOW });
    const impatient = guard.acquire('t', { mode: 'wait', maxWaitMs: 1000 }).catch((e: unknown) => e);
    await clock.advance(1000);
    expect(await impatient).toBeInstanceOf(RateLimitedError);
    await clock.advance(WINDOW);
    await head;
  });

  it('after a 429, holds everyone back for the learned cooldown', async () => {
    const { clock, guard, events } = setup();
    await guard.penalize('t', 120_000);
    expect(events).toEqual(['429 120000']);
    const error = await guard.acquire('t', { mode: 'fail', maxWaitMs: 0 }).catch((e: unknown) => e);
    expect((error as RateLimitedError).retryAfterMs).toBe(120_000);
    await clock.advance(120_000);
    await settle();
    await expect(guard.acquire('t', { mode: 'fail', maxWaitMs: 0 })).resolves.toBeDefined();
  });

  it('hands back a window when the permit is released', async () => {
    const { guard } = setup();
    const permit = await guard.acquire('t', { mode: 'fail', maxWaitMs: 0 });
    await permit.release();
    await expect(guard.acquire('t', { mode: 'fail', maxWaitMs: 0 })).resolves.toBeDefined();
  });
});

describe('formatDuration', () => {
  it('writes durations for people', () => {
    expect(formatDuration(250)).toBe('250ms');
    expect(formatDuration(30_000)).toBe('30s');
    expect(formatDuration(300_000)).toBe('5m');
    expect(formatDuration(192_500)).toBe('3m 12.5s');
  });
});

import { describe, expect, it } from 'vitest';
import { RateLimitedError } from '../src/errors.js';
import { MemoryStore } from '../src/window-store.js';
import { type WaitEvent, WindowScheduler, type ClaimRequest } from '../src/window-scheduler.js';
import { ManualClock, settle } from './support/manual-clock.js';

const WINDOW = 10_000;

function setup() {
  const clock = new ManualClock();
  const store = new MemoryStore({ now: () => clock.now() });
  const scheduler = new WindowScheduler({ store, clock, windowMs: WINDOW, apiWindowMs: WINDOW });
  const answers = new Map<string, string>();
  const request = (day: string, extra: Partial<ClaimRequest<string>> = {}): ClaimRequest<string> => ({
    key: 't',
    day,
    answerKey: day,
    mode: 'wait',
    deadline: clock.now() + 600_000,
    maxWaitMs: 600_000,
    answered: async () => answers.get(day),
    ...extra,
  });
  return { clock, store, scheduler, answers, request };
}

describe('WindowScheduler', () => {
  it('grants a free window at once and makes the next claim wait exactly one window', async () => {
    const { clock, scheduler, request } = setup();
    expect((await scheduler.claim(request('2026-11-01'))).kind).toBe('granted');
    let second = '';
    const pending = scheduler.claim(request('2026-11-02')).then((claim) => (second = claim.kind));
    await clock.advance(WINDOW - 1);
    expect(second).toBe('');
    await clock.advance(1);
    await pending;
    expect(second).toBe('granted');
  });

  it('serves waiters first come first served, whatever order their sleeps end in', async () => {
    const { clock, scheduler, request } = setup();
    await scheduler.claim(request('2026-11-01'));
    const order: string[] = [];
    const days = ['2026-11-02', '2026-11-03', '2026-11-04'];
    const all = days.map(async (day) => {
      const claim = await scheduler.claim(request(day));
      order.push(`${day}@${clock.now()}`);
      return claim;
    });
    await clock.advance(3 * WINDOW);
    await Promise.all(all);
    const start = Date.parse('2026-11-24T15:00:00Z');
    expect(order).toEqual(days.map((day, i) => `${day}@${start + (i + 1) * WINDOW}`));
  });

  it('releases a waiter the moment its day is answered by someone else, without a window', async () => {
    const { clock, store, scheduler, answers, request } = setup();
    const first = await scheduler.claim(request('2026-11-01'));
    const waiting = scheduler.claim(request('2026-11-01'));
    await clock.advance(1_500);
    answers.set('2026-11-01', 'the totals');
    if (first.kind === 'granted') await first.permit.announce();
    await settle();
    const claim = await waiting;
    expect(claim).toEqual({ kind: 'answered', value: 'the totals' });
    expect(clock.now() - Date.parse('2026-11-24T15:00:00Z')).toBe(1_500);
    // The waiter left the queue: the next caller only waits for the window itself.
    const next = await store.reserve('t', { holder: 'x', day: '2026-11-09', windowMs: WINDOW });
    expect(next).toMatchObject({ granted: false, queue: [] });
  });

  it('tells each waiter its place, why it waits and when its answer is expected', async () => {
    const { clock, scheduler, request } = setup();
    await scheduler.claim(request('2026-11-01'));
    await clock.advance(2_000);
    const seen: Record<string, WaitEvent[]> = {};
    const waitFor = (day: string, name: string) => {
      seen[name] = [];
      return scheduler.claim(request(day, { onWait: (event) => seen[name]!.push(event) }));
    };
    const claims = [waitFor('2026-11-01', 'same day'), waitFor('2026-11-02', 'B'), waitFor('2026-11-02', 'B again'), waitFor('2026-11-03', 'C')];
    await settle();
    const first = (name: string) => seen[name]?.[0];
    expect(first('same day')).toMatchObject({ reason: 'in-flight', position: 1, waitMs: 0 });
    expect(first('B')).toMatchObject({ reason: 'queue', position: 2, waitMs: 8_000 });
    expect(first('B again')).toMatchObject({ reason: 'queue', position: 3, waitMs: 8_000 });
    expect(first('C')).toMatchObject({ reason: 'queue', position: 4, waitMs: 18_000 });
    expect(first('C')?.retryAt.getTime()).toBe(clock.now() + 18_000);
    // Nobody answers in this test, so each of them gets a window of its own in turn.
    await clock.advance(4 * WINDOW);
    expect((await Promise.all(claims)).map((claim) => claim.kind)).toEqual(['granted', 'granted', 'granted', 'granted']);
  });

  it('in fail mode, claims only a free window nobody queues for; otherwise refuses at once, sending nothing', async () => {
    const { clock, scheduler, request } = setup();
    await scheduler.claim(request('2026-11-01'));
    const queued = scheduler.claim(request('2026-11-02'));
    await settle();
    await clock.advance(WINDOW);
    // The window is free now, but a waiter was first: it gets the window.
    await queued;
    await clock.advance(WINDOW);
    expect((await scheduler.claim(request('2026-11-03', { mode: 'fail' }))).kind).toBe('granted');
    await clock.advance(3_000);
    const refused = await scheduler.claim(request('2026-11-05', { mode: 'fail' })).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RateLimitedError);
    expect(refused).toMatchObject({ reason: 'fail-mode', source: 'window', retryAfterMs: 7_000, position: 1, status: undefined });
    expect((refused as RateLimitedError).hint).toContain('Nothing was sent');
    expect(clock.sleeping).toBe(0);
  });

  it('refuses at once a wait its place in line says would pass maxWaitMs, naming the place', async () => {
    const { clock, scheduler, request } = setup();
    await scheduler.claim(request('2026-11-01'));
    const ahead = scheduler.claim(request('2026-11-02'));
    await settle();
    const refused = await scheduler
      .claim(request('2026-11-03', { deadline: clock.now() + 15_000, maxWaitMs: 15_000 }))
      .catch((e: unknown) => e);
    expect(refused).toMatchObject({ reason: 'max-wait', position: 2, retryAfterMs: 2 * WINDOW });
    expect((refused as Error).message).toMatch(/2nd in line, more than the maximum wait of 15s/);
    await clock.advance(WINDOW);
    await ahead;
  });

  it('gives the window back at once when the claim spent nothing, waking the next waiter', async () => {
    const { clock, scheduler, request } = setup();
    const first = await scheduler.claim(request('2026-11-01'));
    let next = '';
    const waiting = scheduler.claim(request('2026-11-02')).then((claim) => (next = claim.kind));
    await clock.advance(100);
    if (first.kind === 'granted') await first.permit.release();
    await settle();
    await waiting;
    expect(next).toBe('granted');
    expect(clock.now() - Date.parse('2026-11-24T15:00:00Z')).toBe(100);
  });

  it("after a 429, the server's time replaces the claim even when it is sooner, and the caller keeps its turn", async () => {
    const { clock, scheduler, request } = setup();
    const first = await scheduler.claim(request('2026-11-01'));
    const behind = scheduler.claim(request('2026-11-02'));
    await settle();
    if (first.kind === 'granted') await first.permit.rateLimited(3_000);
    let rejoined = '';
    const again = scheduler.claim(request('2026-11-01', { front: true })).then((claim) => (rejoined = `${claim.kind}@${clock.now()}`));
    await clock.advance(3_000);
    await again;
    expect(rejoined).toBe(`granted@${Date.parse('2026-11-24T15:00:00Z') + 3_000}`);
    await clock.advance(WINDOW);
    await behind;
  });

  it('a waiter that gives up leaves the queue, and the one behind it moves up', async () => {
    const { clock, scheduler, request } = setup();
    await scheduler.claim(request('2026-11-01'));
    const cancel = new AbortController();
    const quitter = scheduler.claim(request('2026-11-02', { signal: cancel.signal })).catch((e: unknown) => e);
    const events: WaitEvent[] = [];
    const patient = scheduler.claim(request('2026-11-03', { onWait: (event) => events.push(event) }));
    await settle();
    expect(events.at(-1)).toMatchObject({ position: 2 });
    cancel.abort(new Error('stop'));
    expect(((await quitter) as Error).message).toBe('stop');
    await clock.advance(1);
    expect(events.at(-1)).toMatchObject({ position: 1, reason: 'window' });
    await clock.advance(WINDOW);
    expect((await patient).kind).toBe('granted');
  });
});

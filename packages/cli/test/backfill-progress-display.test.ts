import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BackfillProgress } from '@zen-leads/history';
import { BackfillProgressDisplay } from '../src/backfill-progress-display.js';
import { MemoryOutput } from './support/memory-output.js';

// 2026-11-24 12:00:00 in São Paulo (UTC−3).
const NOON = Date.UTC(2026, 10, 24, 15, 0, 0);

const progress = (overrides: Partial<BackfillProgress>): BackfillProgress => ({
  phase: 'stored',
  total: 10,
  alreadyStored: 2,
  stored: 1,
  done: 3,
  remaining: 7,
  date: '2026-11-03',
  nextRequestAt: NOON + 301_000,
  etaMs: 301_000 + 6 * 301_000,
  ...overrides,
});

afterEach(() => {
  vi.useRealTimers();
});

describe('backfill progress', () => {
  it('on a terminal: one line redrawn in place with the bar, days done, next request (São Paulo) and ETA', () => {
    vi.useFakeTimers();
    let now = NOON;
    const stream = new MemoryOutput(true, 120);
    const display = new BackfillProgressDisplay(stream, 301_000, () => now);
    display.update(progress({}));
    expect(stream.text).toBe('\r\x1b[2K[#######-----------------] 3/10 days · next request 12:05:01 (in 5m 1s) · ETA 35m 7s');
    // The countdown and the ETA move each second without a new event.
    stream.text = '';
    now += 61_000;
    vi.advanceTimersByTime(1_000);
    expect(stream.text).toBe('\r\x1b[2K[#######-----------------] 3/10 days · next request 12:05:01 (in 4m) · ETA 34m 6s');
    // Stopping clears the line so the final message starts clean.
    stream.text = '';
    display.stop();
    expect(stream.text).toBe('\r\x1b[2K');
    vi.advanceTimersByTime(5_000);
    expect(stream.text).toBe('\r\x1b[2K');
  });

  it('off a terminal: a plain line per stored day; a wait already announced is not repeated', () => {
    const stream = new MemoryOutput(false);
    const display = new BackfillProgressDisplay(stream, 301_000, () => NOON);
    display.update(progress({ phase: 'start', stored: 0, done: 2, remaining: 8, date: undefined, nextRequestAt: NOON, etaMs: 7 * 301_000 }));
    display.update(progress({}));
    display.update(progress({ phase: 'waiting', date: '2026-11-04' }));
    display.update(progress({ phase: 'waiting', date: '2026-11-04', nextRequestAt: NOON + 400_000 }));
    display.update(progress({ phase: 'done', stored: 8, done: 10, remaining: 0, date: undefined, nextRequestAt: undefined, etaMs: 0 }));
    expect(stream.text.split('\n')).toEqual([
      'zen-leads backfill: 10 days, 2 already stored, 8 to fetch, one request per 5m 1s, so at least 35m 7s in all.',
      'zen-leads backfill: 2026-11-03 stored (3/10 days, next request at 2026-11-24 12:05:01 São Paulo time, ETA 35m 7s).',
      'zen-leads backfill: waiting for the rate-limit window for 2026-11-04, next request at 2026-11-24 12:06:40 São Paulo time.',
      '',
    ]);
  });

  it('shows no "ETA 0ms": an estimate under a second is left out, on a terminal and off it', () => {
    vi.useFakeTimers();
    const live = new MemoryOutput(true, 120);
    new BackfillProgressDisplay(live, 301_000, () => NOON).update(progress({ phase: 'fetching', remaining: 1, done: 9, nextRequestAt: NOON, etaMs: 0 }));
    expect(live.text).toBe('\r\x1b[2K[######################--] 9/10 days · fetching 2026-11-03');
    const plain = new MemoryOutput(false);
    new BackfillProgressDisplay(plain, 301_000, () => NOON).update(progress({ remaining: 1, done: 9, nextRequestAt: NOON, etaMs: 400 }));
    expect(plain.text).toBe('zen-leads backfill: 2026-11-03 stored (9/10 days, next request at 2026-11-24 12:00:00 São Paulo time).\n');
  });

  it('counts one day as "1 day"', () => {
    const plain = new MemoryOutput(false);
    const display = new BackfillProgressDisplay(plain, 301_000, () => NOON);
    display.update(progress({ phase: 'start', total: 1, alreadyStored: 0, stored: 0, done: 0, remaining: 1, date: undefined }));
    display.update(progress({ total: 1, alreadyStored: 0, stored: 1, done: 1, remaining: 0, nextRequestAt: undefined, etaMs: 0 }));
    expect(plain.text).toBe(
      'zen-leads backfill: 1 day, 0 already stored, 1 to fetch, one request per 5m 1s.\nzen-leads backfill: 2026-11-03 stored (1/1 day).\n',
    );
  });

  it('fits the live line to a narrow terminal', () => {
    vi.useFakeTimers();
    const live = new MemoryOutput(true, 40);
    new BackfillProgressDisplay(live, 301_000, () => NOON).update(progress({}));
    expect(live.text).toBe('\r\x1b[2K[#######-----------------] 3/10 days ·…');
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import { WaitCountdown } from '../src/countdown.js';
import { MemoryOutput } from './support/memory-output.js';

const NOON = Date.parse('2026-11-25T12:00:00Z'); // 09:00:00 in São Paulo

describe('WaitCountdown', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('writes one line off a terminal, with the duration and the São Paulo time', () => {
    const stream = new MemoryOutput(false);
    const countdown = new WaitCountdown(stream, () => NOON);
    countdown.update({ waitMs: 252_000, retryAt: new Date(NOON + 252_000) });
    countdown.stop();
    expect(stream.text).toBe(
      "zen-leads: the token's rate-limit window is taken; waiting 4m 12s (until 2026-11-25 09:04:12 São Paulo time). Ctrl-C to stop.\n",
    );
  });

  it('off a terminal, prints the expected wait and place in line, and a new line only when the estimate moves', () => {
    const stream = new MemoryOutput(false);
    const countdown = new WaitCountdown(stream, () => NOON);
    countdown.update({ reason: 'queue', position: 3, waitMs: 12_000, retryAt: new Date(NOON + 12_000) });
    countdown.update({ reason: 'queue', position: 3, waitMs: 12_000, retryAt: new Date(NOON + 12_300) });
    countdown.update({ reason: 'queue', position: 2, waitMs: 8_000, retryAt: new Date(NOON + 8_000) });
    countdown.update({ reason: 'in-flight', date: '2026-11-10', position: 1, waitMs: 1_500, retryAt: new Date(NOON + 1_500) });
    expect(stream.text.split('\n')).toEqual([
      "zen-leads: the token's rate-limit window is taken, 3rd in line; waiting 12s (until 2026-11-25 09:00:12 São Paulo time). Ctrl-C to stop.",
      "zen-leads: the token's rate-limit window is taken, 2nd in line; waiting 8s (until 2026-11-25 09:00:08 São Paulo time). Ctrl-C to stop.",
      'zen-leads: another run is already fetching 2026-11-10; waiting for its answer, about 1.5s (until 2026-11-25 09:00:01 São Paulo time). Ctrl-C to stop.',
      '',
    ]);
  });

  it('counts down in place on a terminal and clears the line when the wait ends', () => {
    vi.useFakeTimers({ now: NOON });
    const stream = new MemoryOutput(true);
    const countdown = new WaitCountdown(stream, Date.now);
    countdown.update({ waitMs: 3_000, retryAt: new Date(NOON + 3_000) });
    expect(stream.text).toContain('waiting 3s');
    vi.advanceTimersByTime(1_000);
    expect(stream.text).toContain('waiting 2s');
    vi.advanceTimersByTime(1_000);
    expect(stream.text).toContain('waiting 1s');
    countdown.stop();
    expect(stream.text.endsWith('\r\x1b[2K')).toBe(true);
    expect(stream.text).not.toContain('\n');
    expect(vi.getTimerCount()).toBe(0);
  });
});

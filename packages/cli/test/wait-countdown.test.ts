import { afterEach, describe, expect, it, vi } from 'vitest';
import { WaitCountdown } from '../src/countdown.js';
import { MemoryOutput } from './support/memory-output.js';

describe('WaitCountdown', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('writes one line off a terminal, with the duration and the São Paulo time', () => {
    const stream = new MemoryOutput(false);
    const countdown = new WaitCountdown(stream, () => Date.parse('2026-11-25T12:00:00Z'));
    countdown.start(252_000);
    countdown.stop();
    expect(stream.text).toBe(
      "zen-leads: the token's rate-limit window is taken; waiting 4m 12s (frees at 2026-11-25 09:04:12 São Paulo time). Ctrl-C to stop.\n",
    );
  });

  it('counts down in place on a terminal and clears the line when the wait ends', () => {
    vi.useFakeTimers({ now: Date.parse('2026-11-25T12:00:00Z') });
    const stream = new MemoryOutput(true);
    const countdown = new WaitCountdown(stream, Date.now);
    countdown.start(3_000);
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

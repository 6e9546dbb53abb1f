import { describe, expect, it } from 'vitest';
import { parseDuration } from '../src/duration.js';
import { isCliError } from '../src/cli-error.js';

describe('parseDuration', () => {
  it.each([
    ['2500ms', 2_500],
    ['30s', 30_000],
    ['5m', 300_000],
    ['1h', 3_600_000],
    ['1m30s', 90_000],
    ['1.5s', 1_500],
    ['0', 0],
    [' 10M ', 600_000],
  ])('reads %j as %d ms', (text, ms) => {
    expect(parseDuration(text, '--max-wait')).toBe(ms);
  });

  it.each(['5', '5 m', 'five minutes', '-1s', '', '1d', 'ms', '5m-'])('refuses %j with a usage error naming the option', (text) => {
    let caught: unknown;
    try {
      parseDuration(text, '--max-wait');
    } catch (error) {
      caught = error;
    }
    expect(isCliError(caught)).toBe(true);
    expect((caught as Error).message).toContain('--max-wait');
    expect((caught as Error).message).toContain('2500ms, 30s, 5m or 1h');
  });

  it('suggests a unit for a bare number', () => {
    expect(() => parseDuration('90', '--timeout')).toThrow('Add a unit, e.g. 90s or 90m.');
  });
});

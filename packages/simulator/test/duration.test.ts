import { describe, expect, it } from 'vitest';
import { parseDuration } from '../src/duration.js';

describe('parseDuration (the bin --window)', () => {
  it.each([
    ['5m', 300_000],
    ['30s', 30_000],
    ['1000ms', 1_000],
    ['300000', 300_000],
    ['1.5s', 1_500],
    ['1h', 3_600_000],
    ['0', 0],
  ])('%s is %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', '5 minutes', '-1s', '5x', 'm'])('refuses %j', (text) => {
    expect(() => parseDuration(text)).toThrow(RangeError);
  });
});

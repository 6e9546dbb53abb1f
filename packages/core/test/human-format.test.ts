import { describe, expect, it } from 'vitest';
import { formatDuration, ordinal, plural } from '../src/human-format.js';

describe('durations, counts and places for people', () => {
  it.each([
    [0, '0s'],
    [-5, '0s'],
    [0.3, '1ms'],
    [420, '420ms'],
    [999.6, '1s'],
    [4_000, '4s'],
    [4_250, '4.3s'],
    [59_990, '1m'],
    [60_001, '1m'],
    [192_500, '3m 13s'],
    [299_500, '5m'],
    [3_600_000 + 61_000, '1h 1m 1s'],
  ])('formatDuration(%d) → %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it('says "1 day" and "2 days", with irregular plurals given', () => {
    expect([plural(0, 'day'), plural(1, 'day'), plural(2, 'day'), plural(2, 'entry', 'entries')]).toEqual(['0 days', '1 day', '2 days', '2 entries']);
  });

  it('names places in line', () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111].map(ordinal)).toEqual(['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd', '101st', '111th']);
  });
});

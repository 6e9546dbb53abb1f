import { describe, expect, it } from 'vitest';
import { formatDuration, ordinal, plural } from '@zen-leads/core/internal';
import { sentence } from '../src/describe-error.js';

// The core words durations, counts and places for every host; these pin what the CLI prints with them.
describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [-20, '0s'],
    [850, '850ms'],
    [1_000, '1s'],
    [1_001, '1s'],
    [2_500, '2.5s'],
    [59_990, '1m'],
    [60_001, '1m'],
    [61_000, '1m 1s'],
    [192_500, '3m 13s'],
    [252_000, '4m 12s'],
    [300_000, '5m'],
    [3_900_000, '1h 5m'],
  ])('writes %d ms as %j (never "0ms")', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe('plural', () => {
  it.each([
    [0, '0 days'],
    [1, '1 day'],
    [2, '2 days'],
  ])('counts %d as %j', (count, text) => {
    expect(plural(count, 'day')).toBe(text);
  });
});

describe('ordinal', () => {
  it.each([
    [1, '1st'],
    [2, '2nd'],
    [3, '3rd'],
    [4, '4th'],
    [11, '11th'],
    [12, '12th'],
    [13, '13th'],
    [21, '21st'],
    [112, '112th'],
  ])('writes place %d as %j', (place, text) => {
    expect(ordinal(place)).toBe(text);
  });
});

describe('sentence', () => {
  it.each([
    ['got null', 'got null.'],
    ['got null.', 'got null.'],
    ['got "".', 'got "".'],
    ['got ""', 'got "".'],
    ['really?  ', 'really?'],
  ])('ends %j with exactly one period', (text, expected) => {
    expect(sentence(text)).toBe(expected);
  });
});

import { describe, expect, it } from 'vitest';
import { resolveDateArgument } from '../src/date-argument.js';

describe('resolveDateArgument', () => {
  // 01:30 UTC on the 25th is still the 24th in São Paulo (UTC-3): the machine's zone never counts.
  const LATE_EVENING_IN_SAO_PAULO = Date.parse('2026-11-25T01:30:00Z');

  it('defaults to yesterday in São Paulo', () => {
    expect(resolveDateArgument(undefined, LATE_EVENING_IN_SAO_PAULO)).toBe('2026-11-23');
  });

  it('reads today and yesterday in São Paulo, in any case', () => {
    expect(resolveDateArgument('today', LATE_EVENING_IN_SAO_PAULO)).toBe('2026-11-24');
    expect(resolveDateArgument('Yesterday', LATE_EVENING_IN_SAO_PAULO)).toBe('2026-11-23');
  });

  it('passes a calendar day through', () => {
    expect(resolveDateArgument('2028-02-29')).toBe('2028-02-29');
  });

  it.each([
    ['2026-02-29', 'is not a day on the calendar'],
    ['2026-13-01', 'is not a day on the calendar'],
    ['2026-1-5', 'DATE must be YYYY-MM-DD'],
    ['tomorrow', 'DATE must be YYYY-MM-DD'],
    ['', 'DATE must be YYYY-MM-DD'],
  ])('refuses %j (%s)', (text, message) => {
    expect(() => resolveDateArgument(text)).toThrow(message);
  });
});

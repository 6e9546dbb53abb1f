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
    ['2026-02-29', '2026-02-29 is not a day on the calendar: February 2026 has days 01 to 28.'],
    ['2028-02-30', '2028-02-30 is not a day on the calendar: February 2028 has days 01 to 29.'],
    ['2026-04-31', '2026-04-31 is not a day on the calendar: April 2026 has days 01 to 30.'],
    ['2026-11-00', '2026-11-00 is not a day on the calendar: November 2026 has days 01 to 30.'],
    ['2026-13-01', '2026-13-01 is not a day on the calendar: months run from 01 to 12, not 13.'],
    ['0000-01-01', '0000-01-01 is not a day on the calendar: there is no year 0000 (years start at 0001).'],
    ['2026-1-5', 'DATE must be YYYY-MM-DD'],
    ['tomorrow', 'DATE must be YYYY-MM-DD'],
    ['', 'DATE must be YYYY-MM-DD'],
  ])('refuses %j (%s)', (text, message) => {
    expect(() => resolveDateArgument(text)).toThrow(message);
  });
});

import { describe, expect, it } from 'vitest';
import { resolveDateArgument } from '../src/days.js';

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
    expect(resolveDateArgument('2028-02-29', Date.parse('2028-03-01T12:00:00Z'))).toBe('2028-02-29');
  });

  const FIX = 'Pass DATE as YYYY-MM-DD, "today" or "yesterday" (São Paulo days), e.g. zen-leads totals 2026-11-24.';
  it.each([
    ['2026-02-29', 'The date 2026-02-29 does not exist: February 2026 has days 01 to 28.'],
    ['2026-04-31', 'The date 2026-04-31 does not exist: April 2026 has days 01 to 30.'],
    ['2026-11-00', 'The date 2026-11-00 does not exist: November 2026 has days 01 to 30.'],
    ['2026-13-01', 'The date 2026-13-01 does not exist: months run from 01 to 12.'],
    ['0000-01-01', 'The date 0000-01-01 does not exist: years start at 0001.'],
    ['2026-1-5', 'The date "2026-1-5" is not in the YYYY-MM-DD format.'],
    ['tomorrow', 'The date "tomorrow" is not in the YYYY-MM-DD format.'],
    ['', 'The date "" is not in the YYYY-MM-DD format.'],
  ])('refuses %j, saying what is wrong and the forms DATE takes', (text, problem) => {
    expect(() => resolveDateArgument(text, LATE_EVENING_IN_SAO_PAULO)).toThrow(`${problem} ${FIX}`);
  });

  it('refuses a day after today in São Paulo, naming today', () => {
    expect(() => resolveDateArgument('2026-11-25', LATE_EVENING_IN_SAO_PAULO)).toThrow(
      'The date 2026-11-25 is in the future: today in America/Sao_Paulo is 2026-11-24. Ask for today (2026-11-24) or an earlier day.',
    );
  });
});

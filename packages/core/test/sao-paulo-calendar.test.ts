import { afterEach, describe, expect, it } from 'vitest';
import {
  addDays,
  dateRange,
  daysBetween,
  formatSaoPauloDateTime,
  isCalendarDate,
  nonexistentDateOf,
  nonexistentDateReason,
  parseSaoPauloDateTime,
  saoPauloDateOf,
  todayInSaoPaulo,
  yesterdayInSaoPaulo,
} from '../src/sao-paulo-calendar.js';

const originalTz = process.env.TZ;
afterEach(() => {
  process.env.TZ = originalTz;
});

describe('São Paulo calendar', () => {
  it('knows which days exist', () => {
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2026-04-31')).toBe(false);
    expect(isCalendarDate('2026-12-31')).toBe(true);
    expect(isCalendarDate('2026-13-01')).toBe(false);
    expect(isCalendarDate('2026-00-10')).toBe(false);
    expect(isCalendarDate('2026-1-01')).toBe(false);
    expect(isCalendarDate('0000-01-01')).toBe(false);
    expect(isCalendarDate(20261124)).toBe(false);
  });

  it('says why a day does not exist as data (for hosts that word it) and in English, the same reason', () => {
    expect(nonexistentDateOf('2026-02-29')).toEqual({ kind: 'day', year: 2026, month: 2, lastDay: 28 });
    expect(nonexistentDateReason('2026-02-29')).toBe('February 2026 has days 01 to 28');
    expect(nonexistentDateOf('2026-13-01')).toEqual({ kind: 'month' });
    expect(nonexistentDateReason('2026-13-01')).toBe('months run from 01 to 12');
    expect(nonexistentDateOf('0000-01-01')).toEqual({ kind: 'year' });
    expect(nonexistentDateReason('0000-01-01')).toBe('years start at 0001');
    expect(nonexistentDateOf('2028-02-29')).toBeUndefined();
    expect(nonexistentDateReason('2028-02-29')).toBeUndefined();
  });

  it('says today and yesterday in São Paulo, not in UTC: 01:30 UTC is still the previous evening there', () => {
    const instant = Date.parse('2026-11-29T01:30:00Z'); // 22:30 on the 28th in São Paulo (UTC−3)
    expect(todayInSaoPaulo(instant)).toBe('2026-11-28');
    expect(yesterdayInSaoPaulo(instant)).toBe('2026-11-27');
    expect(todayInSaoPaulo(Date.parse('2026-11-29T03:00:00Z'))).toBe('2026-11-29');
  });

  it('gives the same answers whatever the machine time zone is', () => {
    const instant = Date.parse('2026-11-29T02:59:59Z');
    for (const zone of ['UTC', 'Asia/Tokyo', 'Pacific/Kiritimati', 'America/Los_Angeles']) {
      process.env.TZ = zone;
      expect(todayInSaoPaulo(instant), zone).toBe('2026-11-28');
      expect(formatSaoPauloDateTime(instant), zone).toBe('2026-11-28 23:59:59');
      expect(parseSaoPauloDateTime('2026-11-28 23:59:59')?.getTime(), zone).toBe(instant);
    }
  });

  it('parses the API times as São Paulo wall-clock, including old daylight-saving summers', () => {
    expect(parseSaoPauloDateTime('2026-11-24 10:05:00')?.toISOString()).toBe('2026-11-24T13:05:00.000Z');
    expect(parseSaoPauloDateTime('2026-11-24 9:05:00')?.toISOString()).toBe('2026-11-24T12:05:00.000Z');
    // Brazil observed DST (UTC−2) until 2019: January 2018 was summer time.
    expect(parseSaoPauloDateTime('2018-01-15 12:00:00')?.toISOString()).toBe('2018-01-15T14:00:00.000Z');
    expect(parseSaoPauloDateTime('2026-02-30 10:00:00')).toBeUndefined();
    expect(parseSaoPauloDateTime('24/11/2026 10:00:00')).toBeUndefined();
    expect(parseSaoPauloDateTime('2026-11-24 24:00:00')).toBeUndefined();
  });

  it('round-trips instants through the wall-clock format', () => {
    for (let instant = Date.parse('2017-10-01T00:00:00Z'); instant < Date.parse('2019-03-01T00:00:00Z'); instant += 7 * 3_600_000 + 17_000) {
      const text = formatSaoPauloDateTime(instant);
      const parsed = parseSaoPauloDateTime(text)?.getTime();
      // Inside the hour repeated when DST ends, two instants share one wall time; both map to one of them.
      expect(parsed === instant || formatSaoPauloDateTime(parsed ?? 0) === text, text).toBe(true);
    }
  });

  it('does calendar arithmetic across months, years and leap days', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(daysBetween('2026-11-01', '2026-11-30')).toBe(29);
    expect(dateRange('2026-12-30', '2027-01-02')).toEqual(['2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02']);
    expect(dateRange('2026-11-02', '2026-11-01')).toEqual([]);
    expect(saoPauloDateOf(new Date('2026-11-24T12:00:00Z'))).toBe('2026-11-24');
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
  });
});

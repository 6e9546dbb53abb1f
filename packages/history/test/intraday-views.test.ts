import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, type LeadTotals } from '@zen-leads/core';
import { hourlyArrivals, INTRADAY_COLUMNS, intradayOf, intradaysOf, intradayRows, typicalAt, typicalCurve, type Intraday, type TodaySnapshot } from '../src/index.js';
import { day, user } from './support/lead-totals-samples.js';

const SELLERS = ['Ana', 'Bia', 'Caio', 'Davi'];
/** São Paulo wall-clock time of 2026-03-10 (a Tuesday) as an instant: UTC−3, no daylight saving since 2019. */
const at = (time: string, date = '2026-03-10'): Date => new Date(`${date}T${time}-03:00`);
const snap = (fetchedAt: Date, totals: LeadTotals): TodaySnapshot => ({ fetchedAt, totals });

/** A day's snapshots: counts that grow (or, rarely, are corrected down), sellers that come and go. */
const daySnapshots = fc
  .array(fc.record({ minute: fc.integer({ min: 0, max: 1439 }), counts: fc.array(fc.option(fc.integer({ min: 0, max: 500 }), { nil: undefined }), { minLength: 4, maxLength: 4 }), errors: fc.nat(50) }), { minLength: 1, maxLength: 40 })
  .map((raw) => {
    const minutes = [...new Set(raw.map((one) => one.minute))].sort((a, b) => a - b);
    return minutes.map((minute, index) => {
      const { counts, errors } = raw[index]!;
      const users = SELLERS.flatMap((name, seller) => (counts[seller] === undefined ? [] : [user(name, counts[seller])]));
      return snap(new Date(at('00:00:00').getTime() + minute * 60_000), day('2026-03-10', users, { withError: errors }));
    });
  });

describe('intraday views', () => {
  it('property: per seller and in total, the new leads of a day add up to its last cumulative count, by point and by hour', () => {
    fc.assert(
      fc.property(daySnapshots, (snapshots) => {
        const intraday = intradayOf([...snapshots].reverse());
        expect(intraday.points.map((point) => point.fetchedAt)).toEqual(snapshots.map((s) => s.fetchedAt.toISOString()));
        const last = intraday.points.at(-1)!;
        for (const seller of last.users) {
          const added = intraday.points.reduce((sum, point) => sum + (point.users.find((one) => one.name === seller.name)?.newLeads ?? 0), 0);
          expect(added).toBe(seller.totalLeads);
        }
        expect(intraday.points.reduce((sum, point) => sum + point.newErrors.withError, 0)).toBe(last.errors.withError);
        const hours = hourlyArrivals(intraday);
        expect(hours.total).toHaveLength(24);
        expect(hours.total.reduce((sum, count) => sum + count, 0)).toBe(last.users.reduce((sum, seller) => sum + seller.totalLeads, 0));
        for (const seller of last.users) expect(hours.byUser.get(seller.name)!.reduce((sum, count) => sum + count, 0)).toBe(seller.totalLeads);
      }),
      { numRuns: 300 },
    );
  });

  it('starts the day at 0, keeps a seller missing from a later snapshot at their count, and counts new leads in the São Paulo hour that saw them', () => {
    const intraday = intradayOf([
      snap(at('08:10:00'), day('2026-03-10', [user('Ana', 2)], { ungrouped: 1 })),
      snap(at('08:40:00'), day('2026-03-10', [user('Ana', 5), user('Bia', 1)], { ungrouped: 1 })),
      snap(at('09:05:00'), day('2026-03-10', [user('Bia', 4)], { ungrouped: 3 })),
      snap(at('09:00:00', '2026-03-09'), day('2026-03-09', [user('Zé', 9)])),
    ]);
    expect(intraday.date).toBe('2026-03-10');
    expect(intraday.points.map((point) => point.users.map(({ name, totalLeads, newLeads }) => [name, totalLeads, newLeads]))).toEqual([
      [['Ana', 2, 2]],
      [['Ana', 5, 3], ['Bia', 1, 1]],
      [['Ana', 5, 0], ['Bia', 4, 3]],
    ]);
    expect(intraday.points.map((point) => point.newErrors.ungrouped)).toEqual([1, 0, 2]);
    const hours = hourlyArrivals(intraday);
    expect(hours.total[8]).toBe(6);
    expect(hours.total[9]).toBe(3);
    expect(hours.byUser.get('Ana')![8]).toBe(5);
    expect(intradayOf([], '2026-03-11')).toEqual({ date: '2026-03-11', points: [] });
  });

  it('gives CSV rows per point and seller with the day’s problem counts then', () => {
    const intraday = intradayOf([
      snap(at('07:55:00'), day('2026-03-10', [], { duplicates: 2 })),
      snap(at('08:00:00'), day('2026-03-10', [user('Ana', 1), user('Bia', 2)], { duplicates: 2, withError: 1 })),
    ]);
    const rows = intradayRows(intraday);
    expect(rows.map((row) => Object.keys(row))).toEqual(rows.map(() => [...INTRADAY_COLUMNS]));
    expect(rows.map((row) => [row.fetchedAt, row.user, row.totalLeads, row.newLeads, row.withError, row.duplicates])).toEqual([
      ['2026-03-10T10:55:00.000Z', '', 0, 0, 0, 2],
      ['2026-03-10T11:00:00.000Z', 'Ana', 1, 1, 1, 2],
      ['2026-03-10T11:00:00.000Z', 'Bia', 2, 2, 1, 2],
    ]);
  });

  it('the typical curve is the hourly median of the last 4 like weekdays that have snapshots', () => {
    const dayWith = (date: string, atNine: number, atFifteen: number): Intraday =>
      intradayOf([snap(at('09:30:00', date), day(date, [user('Ana', atNine)])), snap(at('15:10:00', date), day(date, [user('Ana', atFifteen)]))]);
    const today = '2026-03-10';
    const weeksBack = (weeks: number): string => addDays(today, -7 * weeks);
    const days = [
      dayWith(weeksBack(1), 10, 100),
      dayWith(weeksBack(2), 20, 200),
      dayWith(weeksBack(3), 30, 300),
      dayWith(weeksBack(4), 40, 400),
      dayWith(weeksBack(5), 1000, 9000), // a fifth like day: too old
      dayWith(addDays(today, -1), 5000, 5000), // yesterday: another weekday
      dayWith(today, 7000, 7000), // today itself never counts
      intradayOf([], weeksBack(6)),
    ];
    const curve = typicalCurve(days, today)!;
    expect(curve).toHaveLength(24);
    expect(curve.slice(7, 16)).toEqual([0, 0, 25, 25, 25, 25, 25, 25, 250]);
    expect(curve[23]).toBe(250);
    expect(typicalAt(curve, at('09:00:00'))).toBe(0);
    expect(typicalAt(curve, at('09:30:00'))).toBe(12.5);
    expect(typicalAt(curve, at('15:45:00'))).toBe(25 + 225 * 0.75);
    expect(typicalCurve(days.slice(5), today)).toBeUndefined();
    // From a history's snapshots of several days at once, grouped per day.
    const snapshots = days.flatMap((one) => one.points.map((point) => snap(new Date(point.fetchedAt), day(one.date, point.users.map((seller) => user(seller.name, seller.totalLeads))))));
    expect(intradaysOf(snapshots.reverse()).map((one) => one.date)).toEqual(days.filter((one) => one.points.length > 0).map((one) => one.date).sort());
    expect(typicalCurve(intradaysOf(snapshots), today)).toEqual(curve);
    expect(typicalCurve([dayWith(weeksBack(1), 1, 3), dayWith(weeksBack(2), 2, 4), dayWith(weeksBack(3), 9, 9)], today)![20]).toBe(4);
  });
});

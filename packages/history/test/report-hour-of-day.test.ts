import { describe, expect, it } from 'vitest';
import { renderReport } from '../src/index.js';
import { day, user } from './support/lead-totals-samples.js';
import { grownSnapshots } from './support/grown-snapshots.js';
import { seededDays } from './support/seeded-days.js';

const at = (date: string, time: string): Date => new Date(`${date}T${time}:00-03:00`);
const section = (html: string): string => /<section id="hours">[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
const rows = (html: string): string[][] =>
  [...section(html).matchAll(/<tr><th scope="row">([^<]*)<\/th>(.*?)<\/tr>/g)].map((match) => [match[1]!, ...[...match[2]!.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((cell) => cell[1]!)]);

describe('the report’s hour-of-day view', () => {
  const days = [day('2026-03-09', [user('Ana', 6), user('Bia', 3)]), day('2026-03-10', [user('Ana', 3), user('Bia', 5)])];
  const snapshots = [
    { fetchedAt: at('2026-03-09', '08:30'), totals: day('2026-03-09', [user('Ana', 4)]) },
    { fetchedAt: at('2026-03-09', '14:10'), totals: day('2026-03-09', [user('Ana', 6), user('Bia', 3)]) },
    { fetchedAt: at('2026-03-10', '08:55'), totals: day('2026-03-10', [user('Ana', 3), user('Bia', 5)]) },
    // Outside the report's span: left out.
    { fetchedAt: at('2026-03-01', '08:10'), totals: day('2026-03-01', [user('Zé', 50)]) },
  ];

  it('adds up the new leads of each São Paulo hour over the days with snapshots, per user, in both languages', () => {
    const en = renderReport(days, { lang: 'en', snapshots, from: '2026-03-09', to: '2026-03-10' });
    expect(section(en)).toContain('<h2>Leads by hour of day</h2>');
    expect(section(en)).toContain('2 days (Mar 9, 2026 to Mar 10, 2026)');
    expect(rows(en)).toEqual([
      ['08:00', '12', '6.0', '70.6%', 'Ana'],
      ['14:00', '5', '2.5', '29.4%', 'Bia'],
    ]);
    const pt = renderReport(days, { snapshots, from: '2026-03-09', to: '2026-03-10' });
    expect(section(pt)).toContain('<h2>Leads por hora do dia</h2>');
    expect(section(pt)).toContain('2 dias (09/03/2026 a 10/03/2026)');
    expect(rows(pt)).toEqual([
      ['8h', '12', '6,0', '70,6%', 'Ana'],
      ['14h', '5', '2,5', '29,4%', 'Bia'],
    ]);
    // A chart of 24 hours, wide and narrow, with the users' colours in a legend.
    expect(section(en).match(/<svg[^>]*class="chart hours (wide|narrow)"/g)).toHaveLength(2);
    expect(section(en)).not.toContain('Zé');
  });

  it('is absent without snapshots, or when none is of a day in the span', () => {
    expect(section(renderReport(days, { lang: 'en' }))).toBe('');
    expect(section(renderReport(days, { lang: 'en', snapshots: snapshots.slice(3) }))).toBe('');
  });

  it('the seeded month grown through the day: every hour of the view adds up to the days’ totals', () => {
    const month = seededDays('2025-03-03', '2025-03-07');
    const html = renderReport(month, { lang: 'en', snapshots: month.flatMap((totals) => grownSnapshots(totals)) });
    const leads = rows(html).reduce((sum, row) => sum + Number(row[1]!.replace(/,/g, '')), 0);
    expect(leads).toBe(month.reduce((sum, totals) => sum + totals.users.reduce((total, one) => total + one.totalLeads, 0), 0));
    expect(rows(html).map((row) => row[0])).toContain('12:00');
  });
});

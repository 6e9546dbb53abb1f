/**
 * The report's hour-of-day view: for the days of the span that have snapshots, the new leads in
 * each São Paulo hour, per user (the intraday views' `hourlyArrivals`, added up over those days).
 */
import { hourlyArrivals, HOURS_OF_DAY } from '../intraday/hourly-arrivals.js';
import { intradayOf } from '../intraday/intraday.js';
import type { TodaySnapshot } from '../intraday/today-snapshot.js';
import { colored } from './colored.js';
import { chartLegend, stackedBarChart } from './charts.js';
import { escapeHtml } from './format.js';
import { dayRanges, type Formats } from './locale.js';
import type { ReportMessages } from './messages/index.js';
import { topWithOther, type NamedSeries } from './report-data.js';

/** What the view shows: the days it adds up, and per user and in total the new leads of each hour. */
export interface HourOfDayData {
  days: string[];
  users: NamedSeries[];
  total: number[];
}

/** The hour-of-day numbers of the snapshots whose day lies within `days`; `undefined` when none does. */
export function hourOfDayDataOf(snapshots: readonly TodaySnapshot[], days: readonly string[], otherUsers: string): HourOfDayData | undefined {
  const span = new Set(days);
  const byDay = new Map<string, TodaySnapshot[]>();
  for (const snapshot of snapshots) {
    if (!span.has(snapshot.totals.date)) continue;
    byDay.set(snapshot.totals.date, [...(byDay.get(snapshot.totals.date) ?? []), snapshot]);
  }
  if (byDay.size === 0) return undefined;
  const users = new Map<string, NamedSeries>();
  const total = new Array<number>(HOURS_OF_DAY).fill(0);
  for (const [date, ofDay] of byDay) {
    const arrivals = hourlyArrivals(intradayOf(ofDay, date));
    arrivals.total.forEach((count, hour) => (total[hour] = (total[hour] ?? 0) + count));
    for (const [name, hours] of arrivals.byUser) {
      const series = users.get(name) ?? { name, values: new Array<number>(HOURS_OF_DAY).fill(0), total: 0 };
      hours.forEach((count, hour) => (series.values[hour] = (series.values[hour] ?? 0) + count));
      series.total += hours.reduce((sum, count) => sum + count, 0);
      users.set(name, series);
    }
  }
  return { days: [...byDay.keys()].sort(), users: topWithOther(users, otherUsers), total };
}

/** The view as HTML: a stacked bar per hour, its legend, a note on where the numbers come from, a table. */
export function hourOfDaySection(m: ReportMessages, f: Formats, data: HourOfDayData): string {
  const hours = Array.from({ length: HOURS_OF_DAY }, (_, hour) => String(hour));
  const series = colored(data.users);
  const chart = stackedBarChart(
    { className: 'hours', title: m.hourOfDayTitle, description: m.hourOfDayDescription, categories: hours, categoryLabel: (hour) => m.hourLabel(Number(hour)), yFormat: f.count },
    series,
  );
  const ranges = dayRanges(data.days).map(([first, last]) => (first === last ? f.day(first) : `${f.day(first)}${m.rangeJoin}${f.day(last)}`));
  const note = m.hourOfDayNote(f, data.days.length, ranges.join(m.rangeSeparator));
  return `<figure>${chart}<figcaption>${chartLegend(series, 'bars')}</figcaption></figure>
<p class="note">${escapeHtml(note)}</p>
${hoursTable(m, f, data)}`;
}

function hoursTable(m: ReportMessages, f: Formats, data: HourOfDayData): string {
  const all = data.total.reduce((sum, count) => sum + count, 0);
  const rows = data.total.flatMap((count, hour) => {
    if (count === 0) return [];
    const top = [...data.users].filter((one) => !one.other).sort((a, b) => (b.values[hour] ?? 0) - (a.values[hour] ?? 0))[0];
    const cells = [f.count(count), f.decimal(count / data.days.length), all > 0 ? f.share(count / all) : '', top && (top.values[hour] ?? 0) > 0 ? top.name : ''];
    return [`<tr><th scope="row">${escapeHtml(m.hourLabel(hour))}</th>${cells.map((cell, index) => `<td${index === 3 ? ' class="text"' : ''}>${escapeHtml(cell)}</td>`).join('')}</tr>`];
  });
  return `<div class="table-wrap" tabindex="0" role="region" aria-label="${escapeHtml(m.hourOfDayCaption)}"><table>
<caption>${escapeHtml(m.hourOfDayCaption)}</caption>
<thead><tr>${m.hourHeadings.map((heading, index) => `<th scope="col"${index === 4 ? ' class="text"' : ''}>${escapeHtml(heading)}</th>`).join('')}</tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table></div>`;
}

import { OTHER_COLOR, TOP_SERIES, chartLegend, hourlyArrivals, lineChart, seriesColor, stackedBarChart, type ChartSeries, type Formats, type Intraday } from '@zen-leads/history';
import { saoPauloClockOf } from '@zen-leads/core';
import { html, raw } from 'hono/html';
import type { DashboardMessages } from './messages/index.js';
import type { Html } from './pages.js';

/** What the today chart shows: today's intraday series and the typical curve for its weekday. */
export interface TodayChartView {
  intraday: Intraday;
  /** Cumulative leads expected by the end of each São Paulo hour (24), when like days have snapshots. */
  typical: readonly number[] | undefined;
  /** The gateway's time: today's line stops at the current hour. */
  now: number;
}

const HOURS = Array.from({ length: 24 }, (_, hour) => String(hour));
const HOUR_MS = 3_600_000;

/**
 * Today hour by hour: leads arriving per São Paulo hour per user (the history's stacked bars, a
 * user in the colour the rest of the page gives them), and today's running total against the
 * typical day (the history's line chart). SVG drawn on the server, no script.
 */
export function todayChart(view: TodayChartView, colorOf: (name: string) => string, m: DashboardMessages, f: Formats): Html {
  const { intraday } = view;
  if (intraday.points.length === 0) return section(m, html`<p class="note">${m.noSnapshots}</p>`);
  const hourly = hourlyArrivals(intraday);
  const users = arrivalSeries(hourly.byUser, colorOf, m);
  const categoryLabel = (hour: string): string => m.hour(Number(hour));
  const arrivals = stackedBarChart({ className: 'today-arrivals', title: m.arrivalsTitle, description: m.arrivalsDescription(f, intraday.date), categories: HOURS, categoryLabel, yFormat: f.count, height: 240 }, users);
  const pace = paceSeries(hourly.total, view, m);
  const paceChart = lineChart({ className: 'today-pace', title: m.paceTitle, description: m.paceDescription(f, intraday.date), categories: HOURS, categoryLabel, yFormat: f.count, height: 220 }, pace);
  const typicalNote = view.typical ? '' : html`<p class="note">${m.noTypical}</p>`;
  return section(
    m,
    html`<p class="lede">${m.intradayLede(f, intraday.points.length)}</p>
<figure>${raw(arrivals)}<figcaption>${raw(chartLegend(users, 'bars'))}</figcaption></figure>
<h3>${m.paceTitle}</h3>
${typicalNote}<figure>${raw(paceChart)}<figcaption>${raw(chartLegend(pace, 'lines'))}</figcaption></figure>`,
  );
}

/**
 * One series per user in the page's colour, most leads first; a user the page colours grey (the
 * 30-day chart's "others") and any past the chart's top few, together as one grey "others".
 */
function arrivalSeries(byUser: ReadonlyMap<string, readonly number[]>, colorOf: (name: string) => string, m: DashboardMessages): ChartSeries[] {
  const ranked = [...byUser].map(([name, values]) => ({ name, values, color: colorOf(name), total: values.reduce((sum, value) => sum + value, 0) })).sort((a, b) => b.total - a.total || (a.name < b.name ? -1 : 1));
  const named = ranked.filter((one) => one.color !== OTHER_COLOR).slice(0, TOP_SERIES);
  const rest = ranked.filter((one) => !named.includes(one));
  const series: ChartSeries[] = named.map((one) => ({ name: one.name.trim() === '' ? '—' : one.name, values: one.values, color: one.color }));
  if (rest.length > 0) series.push({ name: m.othersSeries, color: OTHER_COLOR, values: HOURS.map((_, hour) => rest.reduce((sum, one) => sum + (one.values[hour] ?? 0), 0)) });
  return series;
}

/** Today's running total up to the current hour (none after it), and the typical day's. */
function paceSeries(total: readonly number[], view: TodayChartView, m: DashboardMessages): ChartSeries[] {
  const currentHour = Math.min(23, Math.floor(saoPauloClockOf(view.now).msOfDay / HOUR_MS));
  let running = 0;
  const today = HOURS.map((_, hour) => {
    running += total[hour] ?? 0;
    return hour <= currentHour ? running : null;
  });
  const series: ChartSeries[] = [{ name: m.todaySoFar, color: seriesColor(0), values: today }];
  if (view.typical) series.push({ name: m.typicalDay, color: OTHER_COLOR, values: [...view.typical] });
  return series;
}

function section(m: DashboardMessages, content: Html): Html {
  return html`<section id="today-hours">\n<h3>${m.intradayHeading}</h3>\n${content}\n</section>`;
}

import type { LeadTotals } from '@zen-leads/core';
import type { TodaySnapshot } from '../intraday/today-snapshot.js';
import { CHART_CSS, chartLegend, lineChart, seriesColor, stackedBarChart, type ChartSeries } from './charts.js';
import { colored } from './colored.js';
import { hourOfDayDataOf, hourOfDaySection } from './hour-of-day.js';
import { fairnessInWords } from './fairness-verdict.js';
import { escapeHtml } from './format.js';
import { DEFAULT_LANG, dayRanges, formatsOf, type Formats, type Lang } from './locale.js';
import { reportMessages, type ReportMessages } from './messages/index.js';
import { reportDataOf, type NamedSeries, type ReportData } from './report-data.js';

/** Options of `renderReport`. */
export interface ReportOptions {
  /** The page's heading; default "Distribuição de leads" / "Lead distribution". */
  title?: string;
  /** The span to show; defaults to the first and last stored day. Days outside it are left out. */
  from?: string;
  to?: string;
  /** Where the data came from (a file name), printed under the heading. Never a URL with secrets. */
  source?: string;
  /** The language people read it in; default pt-BR. */
  lang?: Lang;
  /**
   * The history's snapshots (`history.readSnapshots({ from, to })`): days that have them gain an
   * hour-of-day view (new leads per São Paulo hour, per seller). Without them there is none.
   */
  snapshots?: readonly TodaySnapshot[];
}

/** What every part of the page is written with: its language's text and number forms. */
interface Speech {
  m: ReportMessages;
  f: Formats;
}

/**
 * The history as one self-contained HTML page: every chart is SVG drawn here (no script, no
 * external file), so it renders offline, in mail, and in a browser with scripts off. The same
 * days and options always give the same bytes: nothing depends on the clock or the machine's locale.
 */
export function renderReport(days: readonly LeadTotals[], options: ReportOptions = {}): string {
  const lang = options.lang ?? DEFAULT_LANG;
  const speech: Speech = { m: reportMessages(lang), f: formatsOf(lang) };
  const { m, f } = speech;
  const data = reportDataOf(days, { ...options, lang });
  const title = options.title ?? m.defaultTitle;
  const span = data.days.length > 0 ? m.span(f, data.days[0]!, data.days.at(-1)!) : m.noDays;
  const body = data.period.storedDays === 0 ? emptyBody(speech, options) : fullBody(speech, data, options.snapshots ?? []);
  const lede = [`${span} (${m.calendarNote})`, m.storedOf(f, data.period.storedDays, data.days.length), ...(options.source ? [m.from(options.source)] : [])].join(' · ');
  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(`${title} — ${span}`)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
<p class="lede">${escapeHtml(lede)}</p>
${body}
</main>
</body>
</html>
`;
}

function emptyBody({ m, f }: Speech, options: ReportOptions): string {
  const text = options.from || options.to ? m.emptyBetween(options.from ? f.day(options.from) : m.theStart, options.to ? f.day(options.to) : m.theEnd) : m.empty;
  return `<p class="note">${escapeHtml(text)} ${m.emptyHint}</p>\n`;
}

/** Missing days as ranges in the reader's form: "01/03/2025 a 05/03/2025, 15/03/2025". */
export function missingDaysText(lang: Lang, missing: readonly string[]): string {
  const m = reportMessages(lang);
  const f = formatsOf(lang);
  const ranges = dayRanges(missing).map(([first, last]) => (first === last ? f.day(first) : `${f.day(first)}${m.rangeJoin}${f.day(last)}`));
  return m.missing(f, missing.length, ranges.join(m.rangeSeparator));
}

function fullBody(speech: Speech, data: ReportData, snapshots: readonly TodaySnapshot[]): string {
  const { m, f } = speech;
  const { period } = data;
  const words = fairnessInWords(m, f, period.fairness);
  const hours = hourOfDayDataOf(snapshots, data.days, m.otherUsers);
  const kpis: [string, string][] = [
    [f.count(period.totalLeads), m.kpiLeads],
    [f.decimal(period.totalLeads / period.storedDays), m.kpiPerDay],
    [f.count(period.users), m.kpiUsers],
    [words.verdict, words.detail],
    [f.count(period.errors.withError + period.errors.ungrouped + period.errors.contactLimitExceeded + period.errors.duplicates), m.kpiProblems],
  ];
  const sections = [
    `<ul class="kpis">${kpis.map(([value, label]) => `<li><b>${escapeHtml(value)}</b><span>${escapeHtml(label)}</span></li>`).join('')}</ul>`,
    data.missingDays.length > 0 ? `<p class="note">${escapeHtml(missingDaysText(f.lang, data.missingDays))}</p>` : '',
    section(m.usersHeading, 'users', stackedSection(speech, data, data.users, 'users', m.usersHeading, m.usersDescription)),
    hours ? section(m.hourOfDayHeading, 'hours', hourOfDaySection(m, f, hours)) : '',
    section(m.originsHeading, 'origins', stackedSection(speech, data, data.origins, 'origins', m.originsTitle, m.originsDescription)),
    section(m.segmentsHeading, 'segments', stackedSection(speech, data, data.segments, 'segments', m.segmentsTitle, m.segmentsDescription)),
    section(m.errorsHeading, 'errors', errorsSection(speech, data)),
    section(m.fairnessHeading, 'fairness', fairnessSection(speech, data)),
    section(m.summaryHeading, 'summary', summaryTable(speech, data)),
  ];
  return sections.filter(Boolean).join('\n');
}

function section(heading: string, id: string, content: string): string {
  return `<section id="${id}">\n<h2>${escapeHtml(heading)}</h2>\n${content}\n</section>`;
}

export { colored } from './colored.js';

function stackedSection({ m, f }: Speech, data: ReportData, named: readonly NamedSeries[], className: string, title: string, description: string): string {
  if (named.length === 0) return `<p class="note">${escapeHtml(m.noEntries)}</p>`;
  const series = colored(named);
  const grandTotal = series.reduce((sum, one) => sum + one.total, 0);
  const chart = stackedBarChart({ className, title, description, categories: data.days, categoryLabel: f.shortDay, yFormat: f.count }, series);
  const totalOf = (one: ChartSeries): number => series.find((candidate) => candidate.name === one.name)?.total ?? 0;
  return `<figure>${chart}<figcaption>${chartLegend(series, 'bars', (one) => (grandTotal > 0 ? `${f.count(totalOf(one))} · ${f.share(totalOf(one) / grandTotal)}` : ''))}</figcaption></figure>`;
}

function errorsSection({ m, f }: Speech, data: ReportData): string {
  const pick = (field: 'withError' | 'ungrouped' | 'contactLimitExceeded' | 'duplicates'): (number | null)[] =>
    data.summaries.map((summary) => (summary ? summary[field] : null));
  const series: ChartSeries[] = [
    { name: m.withError, color: seriesColor(5), values: pick('withError') },
    { name: m.ungrouped, color: seriesColor(1), values: pick('ungrouped') },
    { name: m.contactLimit, color: seriesColor(3), values: pick('contactLimitExceeded') },
    { name: m.duplicates, color: seriesColor(0), values: pick('duplicates') },
  ];
  const chart = lineChart({ className: 'errors', title: m.errorsTitle, description: m.errorsDescription, categories: data.days, categoryLabel: f.shortDay, yFormat: f.count }, series);
  return `<figure>${chart}<figcaption>${chartLegend(series, 'lines')}</figcaption></figure>`;
}

function fairnessSection(speech: Speech, data: ReportData): string {
  const { m, f } = speech;
  const pick = (read: (summary: NonNullable<ReportData['summaries'][number]>) => number): (number | null)[] =>
    data.summaries.map((summary) => (summary && summary.users > 0 ? read(summary) : null));
  const spread: ChartSeries[] = [
    { name: m.mostSeries, color: seriesColor(2), values: pick((summary) => summary.maxUserLeads) },
    { name: m.fewestSeries, color: seriesColor(1), values: pick((summary) => summary.minUserLeads) },
  ];
  const { svg: shareChart, series: shares } = fairnessChart(data, { className: 'fairness-share', title: m.fairnessShareTitle, height: 240 }, f.lang);
  const spreadChart = lineChart({ className: 'fairness-spread', title: m.spreadTitle, description: m.spreadDescription, categories: data.days, categoryLabel: f.shortDay, yFormat: f.count, height: 240 }, spread);
  return `<figure>${shareChart}<figcaption>${chartLegend(shares, 'lines')}</figcaption></figure>
<figure>${spreadChart}<figcaption>${chartLegend(spread, 'lines')}</figcaption></figure>
<p class="note">${escapeHtml(m.giniNote)}</p>`;
}

function summaryTable({ m, f }: Speech, data: ReportData): string {
  const headings = m.headings;
  const rows = data.days.map((day, index) => {
    const summary = data.summaries[index];
    if (!summary) return `<tr class="missing"><th scope="row">${escapeHtml(f.day(day))}</th><td colspan="${headings.length - 1}" class="text">${escapeHtml(m.notInHistory)}</td></tr>`;
    const cells = [
      f.count(summary.users),
      f.count(summary.totalLeads),
      summary.topUser,
      f.share(summary.topUserShare),
      f.count(summary.minUserLeads),
      f.count(summary.maxUserLeads),
      f.gini(summary.gini),
      f.count(summary.withError),
      f.count(summary.ungrouped),
      f.count(summary.contactLimitExceeded),
      f.count(summary.duplicates),
    ];
    return `<tr><th scope="row">${escapeHtml(f.day(day))}</th>${cells.map((cell, cellIndex) => `<td${cellIndex === 2 ? ' class="text"' : ''}>${escapeHtml(cell)}</td>`).join('')}</tr>`;
  });
  const { period } = data;
  const top = data.users.find((series) => !series.other);
  const totals = [
    f.count(period.users),
    f.count(period.totalLeads),
    top?.name ?? '',
    f.share(period.fairness.topShare),
    f.count(period.fairness.minLeads),
    f.count(period.fairness.maxLeads),
    f.gini(period.fairness.gini),
    f.count(period.errors.withError),
    f.count(period.errors.ungrouped),
    f.count(period.errors.contactLimitExceeded),
    f.count(period.errors.duplicates),
  ];
  return `<div class="table-wrap" tabindex="0" role="region" aria-label="${escapeHtml(m.summaryCaption)}"><table>
<caption>${escapeHtml(m.summaryCaption)}</caption>
<thead><tr>${headings.map((heading, index) => `<th scope="col"${index === 3 ? ' class="text"' : ''}>${escapeHtml(heading)}</th>`).join('')}</tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
<tfoot><tr><th scope="row">${escapeHtml(m.period)}</th>${totals.map((cell, cellIndex) => `<td${cellIndex === 2 ? ' class="text"' : ''}>${escapeHtml(cell)}</td>`).join('')}</tr></tfoot>
</table></div>
<p class="note">${escapeHtml(m.periodNote)}</p>`;
}

/**
 * The top user's share (solid) and the Gini coefficient (dashed) per day, as one line chart (the
 * report's and the gateway dashboard's). Days without users are gaps. Returns the SVG and its
 * series, for a legend.
 */
export function fairnessChart(data: ReportData, frame: { className: string; title: string; height: number }, lang: Lang = DEFAULT_LANG): { svg: string; series: ChartSeries[] } {
  const m = reportMessages(lang);
  const f = formatsOf(lang);
  const pick = (read: (summary: NonNullable<ReportData['summaries'][number]>) => number): (number | null)[] =>
    data.summaries.map((summary) => (summary && summary.users > 0 ? read(summary) : null));
  const series: ChartSeries[] = [
    { name: m.topShareSeries, color: seriesColor(0), values: pick((summary) => summary.topUserShare), format: f.share },
    { name: m.giniSeries, color: seriesColor(5), values: pick((summary) => summary.gini), format: f.gini },
  ];
  const svg = lineChart(
    {
      ...frame,
      description: m.fairnessShareDescription,
      categories: data.days,
      categoryLabel: f.shortDay,
      yFormat: (value) => f.decimal(value),
      yAxis: { max: 1, ticks: [0, 0.2, 0.4, 0.6, 0.8, 1] },
    },
    series,
  );
  return { svg, series };
}

/** The report's only stylesheet, inlined: no file or font is fetched, so it opens offline and in mail. */
export const REPORT_CSS: string = `
:root{color-scheme:light}
body{margin:0;padding:24px;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:#1f2328;background:#fff}
main{max-width:1000px;margin:0 auto}
h1{font-size:24px;margin:0 0 4px}
h2{font-size:18px;margin:32px 0 8px;padding-top:8px;border-top:1px solid #d0d7de}
p.lede{margin:0 0 16px;color:#57606a}
.kpis{display:flex;flex-wrap:wrap;gap:12px;margin:16px 0;padding:0;list-style:none}
.kpis li{box-sizing:border-box;flex:1 1 140px;border:1px solid #d0d7de;border-radius:6px;padding:8px 12px}
.kpis b{display:block;font-size:20px}
.kpis span{color:#57606a;font-size:13px}
figure{margin:0}
${CHART_CSS}
.legend{display:flex;flex-wrap:wrap;gap:4px 16px;margin:8px 0 0;padding:0;list-style:none;font-size:13px}
.legend .swatch{margin-right:6px;vertical-align:-2px}
.legend small{color:#57606a;font-size:12px}
.note{color:#57606a;font-size:13px}
.table-wrap{overflow-x:auto}
table{border-collapse:collapse;font-size:12px;min-width:100%}
caption{text-align:left;color:#57606a;font-size:13px;padding:4px 0}
th,td{padding:4px 6px;border-bottom:1px solid #eaeef2;text-align:right;white-space:nowrap}
th:first-child,td:first-child,.text{text-align:left}
tbody th,tfoot th{font-weight:400}
thead th{border-bottom:2px solid #d0d7de;position:sticky;top:0;background:#fff}
tr.missing td,tr.missing th{color:#656d76;font-style:italic}
tfoot td,tfoot th{font-weight:600;border-top:2px solid #d0d7de}
@media (max-width:699px){body{padding:16px}}
@media print{body{padding:0}h2{break-after:avoid}figure{break-inside:avoid}}
`;

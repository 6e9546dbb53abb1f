import type { LeadTotals } from '@zen-leads/core';
import { OTHER_COLOR, lineChart, seriesColor, stackedBarChart, type ChartSeries } from './charts.js';
import { escapeHtml, formatCount, formatDecimal, formatGini, formatShare } from './format.js';
import { reportDataOf, type NamedSeries, type ReportData } from './report-data.js';

/** Options of `renderReport`. */
export interface ReportOptions {
  /** The page's heading; default "Lead distribution". */
  title?: string;
  /** The span to show; defaults to the first and last stored day. Days outside it are left out. */
  from?: string;
  to?: string;
  /** Where the data came from (a file name), printed under the heading. Never a URL with secrets. */
  source?: string;
}


/**
 * The history as one self-contained HTML page: every chart is SVG drawn here (no script, no
 * external file), so it renders offline, in mail, and in a browser with scripts off. The same
 * days and options always give the same bytes: nothing depends on the clock or the locale.
 */
export function renderReport(days: readonly LeadTotals[], options: ReportOptions = {}): string {
  const data = reportDataOf(days, options);
  const title = options.title ?? 'Lead distribution';
  const span = data.days.length > 0 ? `${data.days[0]} to ${data.days.at(-1)}` : 'no days';
  const body = data.period.storedDays === 0 ? emptyBody(options) : fullBody(data);
  const lede = [
    `${span} (America/Sao_Paulo calendar days)`,
    `${data.period.storedDays} of ${data.days.length} days stored`,
    ...(options.source ? [`from ${options.source}`] : []),
  ].join(' · ');
  return `<!DOCTYPE html>
<html lang="en">
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

function emptyBody(options: ReportOptions): string {
  const range = options.from || options.to ? ` between ${options.from ?? 'the start'} and ${options.to ?? 'the end'}` : '';
  return `<p class="note">The history holds no days${escapeHtml(range)}. Fill it with <code>zen-leads backfill</code> first.</p>\n`;
}

function fullBody(data: ReportData): string {
  const { period } = data;
  const kpis: [string, string][] = [
    [formatCount(period.totalLeads), 'leads'],
    [formatDecimal(period.totalLeads / period.storedDays), 'leads per stored day'],
    [formatCount(period.users), 'users who received leads'],
    [formatShare(period.fairness.topShare), 'top user’s share of the period'],
    [formatGini(period.fairness.gini), 'Gini over the period (0 = even)'],
    [formatCount(period.errors.withError + period.errors.ungrouped + period.errors.contactLimitExceeded + period.errors.duplicates), 'leads with problems'],
  ];
  const sections = [
    `<ul class="kpis">${kpis.map(([value, label]) => `<li><b>${escapeHtml(value)}</b><span>${escapeHtml(label)}</span></li>`).join('')}</ul>`,
    data.missingDays.length > 0
      ? `<p class="note">Not in the history (no bars or points): ${escapeHtml(data.missingDays.join(', '))}.</p>`
      : '',
    section('Leads per user per day', 'users', stackedSection(data, data.users, 'users', 'Leads per user per day', 'leads received by each user, stacked per day')),
    section('Origin mix', 'origins', stackedSection(data, data.origins, 'origins', 'Leads by origin per day', 'leads per origin, stacked per day')),
    section('Segment mix', 'segments', stackedSection(data, data.segments, 'segments', 'Leads by segment per day', 'leads per segment, stacked per day')),
    section('Errors over time', 'errors', errorsSection(data)),
    section('Distribution fairness over time', 'fairness', fairnessSection(data)),
    section('Summary', 'summary', summaryTable(data)),
  ];
  return sections.filter(Boolean).join('\n');
}

function section(heading: string, id: string, content: string): string {
  return `<section id="${id}">\n<h2>${escapeHtml(heading)}</h2>\n${content}\n</section>`;
}

function colored(series: readonly NamedSeries[]): (ChartSeries & { total: number })[] {
  let index = 0;
  return series.map((one) => ({ name: one.name, values: one.values, total: one.total, color: one.other ? OTHER_COLOR : seriesColor(index++) }));
}

function legend(series: readonly (ChartSeries & { total?: number })[], grandTotal?: number): string {
  const items = series.map((one) => {
    const share = grandTotal && one.total !== undefined ? ` <small>${escapeHtml(formatCount(one.total))} · ${escapeHtml(formatShare(one.total / grandTotal))}</small>` : '';
    return `<li><i style="background:${one.color}"></i>${escapeHtml(one.name)}${share}</li>`;
  });
  return `<ul class="legend">${items.join('')}</ul>`;
}

function stackedSection(data: ReportData, named: readonly NamedSeries[], className: string, title: string, what: string): string {
  if (named.length === 0) return '<p class="note">No entries in this period.</p>';
  const series = colored(named);
  const grandTotal = series.reduce((sum, one) => sum + one.total, 0);
  const chart = stackedBarChart(
    { className, title, description: `Bars per day, ${what}, ${data.days[0]} to ${data.days.at(-1)}.`, categories: data.days, yFormat: formatCount },
    series,
  );
  return `<figure>${chart}<figcaption>${legend(series, grandTotal)}</figcaption></figure>`;
}

function errorsSection(data: ReportData): string {
  const pick = (field: 'withError' | 'ungrouped' | 'contactLimitExceeded' | 'duplicates'): (number | null)[] =>
    data.summaries.map((summary) => (summary ? summary[field] : null));
  const series: ChartSeries[] = [
    { name: 'With error', color: seriesColor(5), values: pick('withError') },
    { name: 'Ungrouped', color: seriesColor(1), values: pick('ungrouped') },
    { name: 'Over the contact limit', color: seriesColor(3), values: pick('contactLimitExceeded') },
    { name: 'Duplicates', color: seriesColor(0), values: pick('duplicates') },
  ];
  const chart = lineChart(
    { className: 'errors', title: 'Error counts per day', description: 'Leads with errors, ungrouped, over the contact limit and duplicated, per day.', categories: data.days, yFormat: formatCount },
    series,
  );
  return `<figure>${chart}<figcaption>${legend(series)}</figcaption></figure>`;
}

function fairnessSection(data: ReportData): string {
  const pick = (read: (summary: NonNullable<ReportData['summaries'][number]>) => number): (number | null)[] =>
    data.summaries.map((summary) => (summary && summary.users > 0 ? read(summary) : null));
  const spread: ChartSeries[] = [
    { name: 'Most leads to one user', color: seriesColor(2), values: pick((summary) => summary.maxUserLeads) },
    { name: 'Fewest leads to one user', color: seriesColor(1), values: pick((summary) => summary.minUserLeads) },
  ];
  const { svg: shareChart, series: shares } = fairnessChart(data, { className: 'fairness-share', title: 'Top user’s share and Gini coefficient per day', height: 240 });
  const spreadChart = lineChart(
    { className: 'fairness-spread', title: 'Most and fewest leads to one user per day', description: 'Per day, the largest and smallest number of leads any one user received.', categories: data.days, yFormat: formatCount, height: 240 },
    spread,
  );
  return `<figure>${shareChart}<figcaption>${legend(shares)}</figcaption></figure>
<figure>${spreadChart}<figcaption>${legend(spread)}</figcaption></figure>
<p class="note">Gini: 0 when every user got the same number of leads, towards 1 when one user got them all; computed over the users the API listed for the day (users with 0 leads included).</p>`;
}

function summaryTable(data: ReportData): string {
  const headings = ['Day', 'Users', 'Leads', 'Top user', 'Top share', 'Min', 'Max', 'Gini', 'With error', 'Ungrouped', 'Contact limit', 'Duplicates'];
  const rows = data.days.map((day, index) => {
    const summary = data.summaries[index];
    if (!summary) return `<tr class="missing"><td>${day}</td><td colspan="${headings.length - 1}" class="text">not in the history</td></tr>`;
    const cells = [
      formatCount(summary.users),
      formatCount(summary.totalLeads),
      summary.topUser,
      formatShare(summary.topUserShare),
      formatCount(summary.minUserLeads),
      formatCount(summary.maxUserLeads),
      formatGini(summary.gini),
      formatCount(summary.withError),
      formatCount(summary.ungrouped),
      formatCount(summary.contactLimitExceeded),
      formatCount(summary.duplicates),
    ];
    return `<tr><td>${day}</td>${cells.map((cell, cellIndex) => `<td${cellIndex === 2 ? ' class="text"' : ''}>${escapeHtml(cell)}</td>`).join('')}</tr>`;
  });
  const { period } = data;
  const top = data.users.find((series) => !series.other);
  const totals = [
    formatCount(period.users),
    formatCount(period.totalLeads),
    top?.name ?? '',
    formatShare(period.fairness.topShare),
    formatCount(period.fairness.minLeads),
    formatCount(period.fairness.maxLeads),
    formatGini(period.fairness.gini),
    formatCount(period.errors.withError),
    formatCount(period.errors.ungrouped),
    formatCount(period.errors.contactLimitExceeded),
    formatCount(period.errors.duplicates),
  ];
  return `<div class="table-wrap"><table>
<thead><tr>${headings.map((heading) => `<th scope="col"${heading === 'Top user' ? ' class="text"' : ''}>${heading}</th>`).join('')}</tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
<tfoot><tr><td>Period</td>${totals.map((cell, cellIndex) => `<td${cellIndex === 2 ? ' class="text"' : ''}>${escapeHtml(cell)}</td>`).join('')}</tr></tfoot>
</table></div>
<p class="note">The period row treats each user’s total over the period as one distribution: min, max, top share and Gini are of those totals.</p>`;
}

/**
 * The top user's share and the Gini coefficient per day, as one line chart (the report's and the
 * gateway dashboard's). Days without users are gaps. Returns the SVG and its series, for a legend.
 */
export function fairnessChart(data: ReportData, frame: { className: string; title: string; height: number }): { svg: string; series: ChartSeries[] } {
  const pick = (read: (summary: NonNullable<ReportData['summaries'][number]>) => number): (number | null)[] =>
    data.summaries.map((summary) => (summary && summary.users > 0 ? read(summary) : null));
  const series: ChartSeries[] = [
    { name: 'Top user’s share', color: seriesColor(0), values: pick((summary) => summary.topUserShare), format: formatShare },
    { name: 'Gini coefficient', color: seriesColor(5), values: pick((summary) => summary.gini), format: formatGini },
  ];
  const svg = lineChart(
    {
      ...frame,
      description: 'Per day, the share of leads that went to the user with the most, and the Gini coefficient of leads per user (0 = perfectly even, 1 = all to one user).',
      categories: data.days,
      yFormat: (value) => value.toFixed(1),
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
.kpis span{color:#57606a;font-size:12px}
figure{margin:0}
svg.chart{display:block;width:100%;height:auto;max-width:960px}
svg.chart text{font:11px system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;fill:#57606a}
svg.chart .grid{stroke:#eaeef2}
svg.chart .baseline{stroke:#8c959f}
.legend{display:flex;flex-wrap:wrap;gap:4px 16px;margin:8px 0 0;padding:0;list-style:none;font-size:13px}
.legend i{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:6px;vertical-align:baseline}
.legend small{color:#57606a}
.note{color:#57606a;font-size:13px}
.table-wrap{overflow-x:auto}
table{border-collapse:collapse;font-size:12px;min-width:100%}
th,td{padding:4px 6px;border-bottom:1px solid #eaeef2;text-align:right;white-space:nowrap}
th:first-child,td:first-child,.text{text-align:left}
thead th{border-bottom:2px solid #d0d7de;position:sticky;top:0;background:#fff}
tr.missing td{color:#8c959f;font-style:italic}
tfoot td{font-weight:600;border-top:2px solid #d0d7de}
@media print{body{padding:0}h2{break-after:avoid}figure{break-inside:avoid}}
`;

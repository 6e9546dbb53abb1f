import type { LeadTotals } from '@zen-leads/core';
import { OTHER_COLOR, fairnessChart, formatCount, formatGini, formatShare, reportDataOf, seriesColor, stackedBarChart, type ChartSeries } from '@zen-leads/history';
import { html, raw } from 'hono/html';
import type { Html } from './pages.js';

/** What the dashboard knows of the history. */
export type HistoryView = { enabled: false } | { enabled: true; days: readonly LeadTotals[]; from: string; to: string };

/**
 * The last 30 days from the history, with the report's own SVG charts (leads per user per day,
 * fairness per day; markup the report escapes itself). Legends use small SVG swatches rather than
 * inline styles, which the dashboard's Content-Security-Policy forbids.
 */
export function historySection(view: HistoryView): Html {
  if (!view.enabled) {
    return section(html`<p class="note">No history is kept. Start the gateway with <code>--history leads.ndjson</code> (and <code>--fill-from</code> a first day) to see the last 30 days here.</p>`);
  }
  const data = reportDataOf(view.days, { from: view.from, to: view.to });
  if (data.period.storedDays === 0) {
    return section(html`<p class="note">The history holds no day from ${view.from} to ${view.to} yet; days fill in as they are fetched.</p>`);
  }
  let colorIndex = 0;
  const users: ChartSeries[] = data.users.map((one) => ({ name: one.name, values: one.values, color: one.other ? OTHER_COLOR : seriesColor(colorIndex++) }));
  const usersChart = stackedBarChart(
    { className: 'history-users', title: 'Leads per user per day', description: `Bars per day, leads received by each user, stacked, ${view.from} to ${view.to}.`, categories: data.days, yFormat: formatCount, height: 260 },
    users,
  );
  const { svg: fairness, series: fairnessSeries } = fairnessChart(data, { className: 'history-fairness', title: 'Fairness per day', height: 220 });
  const missing = data.missingDays.length > 0 ? html`<p class="note">Not in the history yet: ${data.missingDays.length} of ${data.days.length} days.</p>` : '';
  const period = data.period;
  return section(html`<p class="lede">${formatCount(period.totalLeads)} leads over ${period.storedDays} stored days · top user’s share ${formatShare(period.fairness.topShare)} · Gini ${formatGini(period.fairness.gini)}</p>
${missing}
<figure>${raw(usersChart)}<figcaption>${legend(users)}</figcaption></figure>
<h3>Fairness</h3>
<figure>${raw(fairness)}<figcaption>${legend(fairnessSeries)}</figcaption></figure>`);
}

function section(content: Html): Html {
  return html`<section id="history">\n<h2>Last 30 days</h2>\n${content}\n</section>`;
}

function legend(series: readonly ChartSeries[]): Html {
  const items = series.map((one) => html`<li><svg class="swatch" width="10" height="10" aria-hidden="true"><rect width="10" height="10" rx="2" fill="${one.color}"/></svg>${one.name}</li>`);
  return html`<ul class="legend">${items}</ul>`;
}

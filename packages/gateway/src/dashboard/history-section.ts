import type { LeadTotals } from '@zen-leads/core';
import { chartLegend, colored, fairnessChart, fairnessInWords, missingDaysText, reportMessages, stackedBarChart, type Formats, type ReportData } from '@zen-leads/history';
import { html, raw } from 'hono/html';
import type { DashboardMessages } from './messages/index.js';
import type { Html } from './pages.js';

/** What the dashboard knows of the history. */
export type HistoryView = { enabled: false } | { enabled: true; days: readonly LeadTotals[]; from: string; to: string };

/**
 * The last 30 days from the history, with the report's own SVG charts (leads per user per day,
 * fairness per day; markup the report escapes itself) and legends.
 */
export function historySection(view: HistoryView, data: ReportData | undefined, m: DashboardMessages, f: Formats): Html {
  if (!view.enabled || !data) return section(m, html`<p class="note">${raw(m.noHistory)}</p>`);
  if (data.period.storedDays === 0) return section(m, html`<p class="note">${m.historyEmpty(f, view.from, view.to)}</p>`);
  const users = colored(data.users);
  const usersChart = stackedBarChart(
    { className: 'history-users', title: m.historyUsersTitle, description: m.historyUsersDescription(f, view.from, view.to), categories: data.days, categoryLabel: f.shortDay, yFormat: f.count, height: 260 },
    users,
  );
  const { svg: fairness, series: fairnessSeries } = fairnessChart(data, { className: 'history-fairness', title: m.fairnessTitle, height: 220 }, f.lang);
  const missing = data.missingDays.length > 0 ? html`<p class="note">${missingDaysText(f.lang, data.missingDays)}</p>` : '';
  const words = fairnessInWords(reportMessages(f.lang), f, data.period.fairness);
  return section(
    m,
    html`<p class="lede">${m.historyLede(f, data.period.totalLeads, data.period.storedDays)} · <strong>${words.verdict}</strong> ${words.detail}</p>
${missing}
<figure>${raw(usersChart)}<figcaption>${raw(chartLegend(users, 'bars'))}</figcaption></figure>
<h3>${m.fairnessHeading}</h3>
<figure>${raw(fairness)}<figcaption>${raw(chartLegend(fairnessSeries, 'lines'))}</figcaption></figure>`,
  );
}

function section(m: DashboardMessages, content: Html): Html {
  return html`<section id="history">\n<h2>${m.historyHeading}</h2>\n${content}\n</section>`;
}

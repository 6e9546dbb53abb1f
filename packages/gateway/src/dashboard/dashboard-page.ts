import { formatSaoPauloDateTime, fairnessOf, type LeadTotals } from '@zen-leads/core';
import { escapeHtml, formatCount, formatGini, formatShare } from '@zen-leads/history';
import { historySection, type HistoryView } from './history-section.js';
import { pageShell } from './page-shell.js';
import { userBarsChart } from './user-bars-chart.js';

/** Everything the dashboard shows, gathered by its route. */
export interface DashboardView {
  today: string;
  /** Today's latest answer, when there is one. */
  totals: LeadTotals | undefined;
  updatedAt: Date | undefined;
  /** When the next (or first) answer for today is expected. */
  nextUpdateAt: Date;
  history: HistoryView;
  /** Days queued for a window and clients held for them, across this gateway. */
  queuedDays: number;
  clientsWaiting: number;
  lastUpstreamStatus: number | 'network' | undefined;
}

/** Time of day in São Paulo, `HH:MM:SS`. */
function clock(at: Date): string {
  return formatSaoPauloDateTime(at).slice(11);
}

/** The dashboard for a signed-in client: today live, the last 30 days, fairness. */
export function dashboardPage(view: DashboardView, refreshSeconds: number): string {
  const updated = view.updatedAt ? `Updated at <time datetime="${view.updatedAt.toISOString()}">${clock(view.updatedAt)}</time>` : 'No answer for today yet';
  const status = `${updated} · next update at about <time datetime="${view.nextUpdateAt.toISOString()}">${clock(view.nextUpdateAt)}</time> (America/Sao_Paulo). This page refreshes itself.`;
  const body = `<header class="top"><h1>Lead distribution</h1><form method="post" action="/logout"><button type="submit">Sign out</button></form></header>
<section id="today">
<h2>Today, ${escapeHtml(view.today)}</h2>
<p class="status" id="updated">${status}</p>
${view.totals ? todayBody(view.totals) : '<p class="note">Today’s numbers arrive with the next window the token has free.</p>'}
</section>
${historySection(view.history)}
<footer>Upstream: last status ${escapeHtml(String(view.lastUpstreamStatus ?? 'none yet'))} · ${formatCount(view.queuedDays)} days queued · ${formatCount(view.clientsWaiting)} clients waiting.</footer>`;
  return pageShell({ title: `Lead distribution — ${view.today}`, body, refreshSeconds });
}

function todayBody(totals: LeadTotals): string {
  const counts = totals.users.map((user) => user.totalLeads);
  const fairness = fairnessOf(counts);
  const total = counts.reduce((sum, value) => sum + value, 0);
  const problems = totals.errors.withError + totals.errors.ungrouped + totals.errors.contactLimitExceeded + totals.errors.duplicates;
  const kpis: [string, string][] = [
    [formatCount(total), 'leads today'],
    [formatCount(totals.users.length), 'users'],
    [formatShare(fairness.topShare), 'top user’s share'],
    [`${formatCount(fairness.minLeads)}–${formatCount(fairness.maxLeads)}`, 'fewest–most per user'],
    [formatGini(fairness.gini), 'Gini (0 = even)'],
    [formatCount(problems), 'leads with problems'],
  ];
  return `<ul class="kpis">${kpis.map(([value, label]) => `<li><b>${escapeHtml(value)}</b><span>${escapeHtml(label)}</span></li>`).join('')}</ul>
<figure>${userBarsChart(totals)}</figure>`;
}

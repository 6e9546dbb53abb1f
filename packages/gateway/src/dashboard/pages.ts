import { fairnessOf, formatSaoPauloDateTime, type LeadTotals } from '@zen-leads/core';
import { REPORT_CSS, formatCount, formatGini, formatShare } from '@zen-leads/history';
import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { historySection, type HistoryView } from './history-section.js';
import { userBarsChart } from './user-bars-chart.js';

/** Markup from `hono/html`: every value put in it is escaped unless it is markup itself. */
export type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

/** Where the dashboard's only stylesheet and icon are served (same origin: `default-src 'self'`). */
export const STYLESHEET_PATH = '/assets/dashboard.css';
export const ICON_PATH = '/assets/icon.svg';

/** The report's stylesheet plus what the dashboard adds (login form, swatches, status line). */
export const DASHBOARD_CSS: string = `${REPORT_CSS}
h3{font-size:15px;margin:20px 0 6px}
header.top{display:flex;justify-content:space-between;align-items:baseline;gap:16px;flex-wrap:wrap}
header.top form{margin:0}
.status{color:#57606a;font-size:13px;margin:4px 0 12px}
.legend .swatch{margin-right:6px;vertical-align:baseline}
svg.today-users text{font:12px system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;fill:#1f2328}
form.login{display:flex;flex-direction:column;gap:8px;max-width:360px;margin:16px 0}
form.login input{font:inherit;padding:6px 8px;border:1px solid #d0d7de;border-radius:6px}
button{font:inherit;padding:6px 12px;border:1px solid #d0d7de;border-radius:6px;background:#f6f8fa;cursor:pointer}
.error{color:#cf222e;font-weight:600}
footer{margin-top:32px;color:#57606a;font-size:12px}
`;

/** A small icon, so the browser's automatic favicon request finds something (no 404 in the console). */
export const DASHBOARD_ICON: string =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#0072B2"/><rect x="3" y="8" width="2" height="5" fill="#fff"/><rect x="7" y="5" width="2" height="8" fill="#fff"/><rect x="11" y="3" width="2" height="10" fill="#fff"/></svg>';

/**
 * The HTML around every dashboard page. No script at all: it refreshes itself with
 * `<meta http-equiv="refresh">` when the next answer is due, so it works with scripts off and
 * under a CSP of `default-src 'self'`.
 */
function pageShell(options: { title: string; body: Html; refreshSeconds?: number }): Html {
  const refresh = options.refreshSeconds === undefined ? '' : html`\n<meta http-equiv="refresh" content="${Math.round(options.refreshSeconds)}">`;
  return html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">${refresh}
<title>${options.title}</title>
<link rel="stylesheet" href="${STYLESHEET_PATH}">
<link rel="icon" href="${ICON_PATH}" type="image/svg+xml">
</head>
<body>
<main>
${options.body}
</main>
</body>
</html>
`;
}

/** The login form: the only thing the dashboard shows without a session, and no data at all. */
export function loginPage(problem?: string): Html {
  const error = problem ? html`<p class="error" role="alert">${problem}</p>\n` : '';
  return pageShell({
    title: 'Zen Lead Totals — sign in',
    body: html`<h1>Zen Lead Totals</h1>
<p class="lede">The lead distribution dashboard of this gateway. Sign in with a client key.</p>
${error}<form method="post" action="/login" class="login">
<label for="key">Client key</label>
<input id="key" name="key" type="password" autocomplete="current-password" required minlength="16" maxlength="512" spellcheck="false">
<button type="submit">Sign in</button>
</form>
<p class="note">Ask whoever runs the gateway for a key. The key stays on the server side: the browser keeps only a signed session cookie for 12 hours.</p>`,
  });
}

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
function timeOfDay(at: Date): string {
  return formatSaoPauloDateTime(at).slice(11);
}

/** The dashboard for a signed-in client: today live, the last 30 days, fairness. */
export function dashboardPage(view: DashboardView, refreshSeconds: number): Html {
  const updated = view.updatedAt ? html`Updated at <time datetime="${view.updatedAt.toISOString()}">${timeOfDay(view.updatedAt)}</time>` : 'No answer for today yet';
  const status = html`${updated} · next update at about <time datetime="${view.nextUpdateAt.toISOString()}">${timeOfDay(view.nextUpdateAt)}</time> (America/Sao_Paulo). This page refreshes itself.`;
  const body = html`<header class="top"><h1>Lead distribution</h1><form method="post" action="/logout"><button type="submit">Sign out</button></form></header>
<section id="today">
<h2>Today, ${view.today}</h2>
<p class="status" id="updated">${status}</p>
${view.totals ? todayBody(view.totals) : html`<p class="note">Today’s numbers arrive with the next window the token has free.</p>`}
</section>
${historySection(view.history)}
<footer>Upstream: last status ${String(view.lastUpstreamStatus ?? 'none yet')} · ${formatCount(view.queuedDays)} days queued · ${formatCount(view.clientsWaiting)} clients waiting.</footer>`;
  return pageShell({ title: `Lead distribution — ${view.today}`, body, refreshSeconds });
}

function todayBody(totals: LeadTotals): Html {
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
  return html`<ul class="kpis">${kpis.map(([value, label]) => html`<li><b>${value}</b><span>${label}</span></li>`)}</ul>
<figure>${userBarsChart(totals)}</figure>`;
}

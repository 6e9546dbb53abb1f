import { fairnessOf, type LeadTotals } from '@zen-leads/core';
import { OTHER_COLOR, REPORT_CSS, SERIES_COLORS, colored, fairnessInWords, formatsOf, reportDataOf, reportMessages, type Formats, type Lang, type ReportData } from '@zen-leads/history';
import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { historySection, type HistoryView } from './history-section.js';
import { dashboardMessages, type DashboardMessages } from './messages/index.js';
import { alertsList, type AlertsView } from './alerts-list.js';
import { todayChart, type TodayChartView } from './today-chart.js';
import { todayUsersTable } from './today-users-table.js';

/** Markup from `hono/html`: every value put in it is escaped unless it is markup itself. */
export type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

/** Where the dashboard's only stylesheet and icon are served (same origin: `default-src 'self'`). */
export const STYLESHEET_PATH = '/assets/dashboard.css';
export const ICON_PATH = '/assets/icon.svg';

/** The report's stylesheet plus what the dashboard adds (login form, today's table, status line). */
export const DASHBOARD_CSS: string = `${REPORT_CSS}
h3{font-size:15px;margin:20px 0 6px}
header.top{display:flex;justify-content:space-between;align-items:baseline;gap:16px;flex-wrap:wrap}
header.top form{margin:0}
.status{color:#57606a;font-size:13px;margin:4px 0 12px}
.status a{color:#0550ae}
.kpis.problems li{flex-basis:120px}
table.today-users{font-size:14px;margin-top:8px}
table.today-users caption{font-size:13px}
table.today-users tbody th{white-space:normal;overflow-wrap:anywhere;font-weight:400}
table.today-users .bar{width:40%}
table.today-users svg.bar{display:block}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
form.login{display:flex;flex-direction:column;gap:8px;max-width:360px;margin:16px 0}
form.login input{font:inherit;padding:6px 8px;border:1px solid #6e7781;border-radius:6px}
button{font:inherit;padding:6px 12px;border:1px solid #6e7781;border-radius:6px;background:#f6f8fa;color:#1f2328;cursor:pointer}
.error{color:#cf222e;font-weight:600}
footer{margin-top:32px;color:#57606a;font-size:12px}
h4{font-size:14px;margin:14px 0 4px}
ul.alerts{padding-left:18px;margin:4px 0;font-size:14px}
ul.alerts li{margin:2px 0;overflow-wrap:anywhere}
ul.alerts.firing li{color:#a40e26;font-weight:600}
ul.alerts time{font-variant-numeric:tabular-nums;color:#57606a;font-weight:400}
`;

/** A small icon, so the browser's automatic favicon request finds something (no 404 in the console). */
export const DASHBOARD_ICON: string =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#0072B2"/><rect x="3" y="8" width="2" height="5" fill="#fff"/><rect x="7" y="5" width="2" height="8" fill="#fff"/><rect x="11" y="3" width="2" height="10" fill="#fff"/></svg>';

/** The HTML around every dashboard page. No script at all, so it works with scripts off and under a CSP of `default-src 'self'`. */
function pageShell(options: { lang: Lang; title: string; body: Html }): Html {
  return html`<!DOCTYPE html>
<html lang="${options.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
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

/** What went wrong with a sign-in, said in the page's language. */
export type SignInProblem = 'wrongKey' | 'formTooLarge' | { lockedUntil: Date };

/** The login form: the only thing the dashboard shows without a session, and no data at all. */
export function loginPage(lang: Lang, problem?: SignInProblem): Html {
  const m = dashboardMessages(lang);
  const text = problem === undefined ? undefined : typeof problem === 'string' ? m[problem] : m.tooManyWrongKeys(formatsOf(lang).time(problem.lockedUntil));
  const error = text ? html`<p class="error" role="alert">${text}</p>\n` : '';
  return pageShell({
    lang,
    title: m.signInTitle,
    body: html`<h1>${m.product}</h1>
<p class="lede">${m.signInLede}</p>
${error}<form method="post" action="/login" class="login">
<label for="key">${m.keyLabel}</label>
<input id="key" name="key" type="password" autocomplete="current-password" required minlength="16" maxlength="512" spellcheck="false">
<button type="submit">${m.signIn}</button>
</form>
<p class="note">${m.signInNote}</p>`,
  });
}

/** A page that is not there, for a browser (API clients get JSON). */
export function notFoundPage(lang: Lang): Html {
  const m = dashboardMessages(lang);
  return pageShell({ lang, title: m.notFoundTitle, body: html`<h1>${m.notFoundTitle}</h1>\n<p>${m.notFound} <a href="/">/</a>.</p>` });
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
  /** Today hour by hour, from its snapshots. */
  intraday: TodayChartView;
  alerts: AlertsView;
}

function at(when: Date, text: string): Html {
  return html`<time datetime="${when.toISOString()}">${text}</time>`;
}

/**
 * The dashboard for a signed-in client: today live, the last 30 days, fairness. `autoRefresh`
 * says whether the page reloads itself (its route sends a `Refresh` header); either way the status
 * line has the link that turns it off or on again (WCAG 2.2.1: a person can stop a timed reload).
 */
export function dashboardPage(view: DashboardView, autoRefresh: boolean, lang: Lang): Html {
  const m = dashboardMessages(lang);
  const f = formatsOf(lang);
  const history = view.history.enabled ? reportDataOf(view.history.days, { from: view.history.from, to: view.history.to, lang }) : undefined;
  // Before today's first answer, say when it is expected rather than only that it is not there.
  const status = view.updatedAt
    ? html`${m.updated} ${at(view.updatedAt, f.timeWithSeconds(view.updatedAt))} · ${m.nextUpdate} ${at(view.nextUpdateAt, f.timeWithSeconds(view.nextUpdateAt))} ${m.saoPauloTime}`
    : html`${m.firstAnswer} ${at(view.nextUpdateAt, f.time(view.nextUpdateAt))} ${m.saoPauloTime}`;
  const refresh = autoRefresh ? html`${m.autoRefreshOn} <a href="/?refresh=off">${m.stopRefresh}</a>` : html`${m.autoRefreshOff} <a href="/">${m.startRefresh}</a>`;
  const upstream = view.lastUpstreamStatus === undefined ? m.statusNone : view.lastUpstreamStatus === 'network' ? m.statusNetwork : String(view.lastUpstreamStatus);
  const body = html`<header class="top"><h1>${m.heading}</h1><form method="post" action="/logout"><button type="submit">${m.signOut}</button></form></header>
<section id="today">
<h2>${m.today(f, view.today)}</h2>
<p class="status" id="updated">${status} ${refresh}</p>
${view.totals ? todayBody(view, history, m, f) : html`<p class="note">${m.todayPending}</p>`}
${alertsList(view.alerts, m, f)}
</section>
${historySection(view.history, history, m, f)}
<footer>${m.footer(f, upstream, view.queuedDays, view.clientsWaiting)}</footer>`;
  return pageShell({ lang, title: m.pageTitle(f, view.today), body });
}

function todayBody(view: DashboardView, history: ReportData | undefined, m: DashboardMessages, f: Formats): Html {
  const totals = view.totals as LeadTotals;
  const report = reportMessages(f.lang);
  const counts = totals.users.map((user) => user.totalLeads);
  const fairness = fairnessOf(counts);
  const words = fairnessInWords(report, f, fairness);
  const total = counts.reduce((sum, value) => sum + value, 0);
  const kpis: [string, string][] = [
    [f.count(total), m.kpiLeads(f, total)],
    [f.count(totals.users.length), m.kpiUsers(f, totals.users.length)],
    [words.verdict, words.detail],
    [`${f.count(fairness.minLeads)}–${f.count(fairness.maxLeads)}`, m.kpiRange],
  ];
  // The four problem counts under the names the CRM's API gives them.
  const problems: [string, string][] = [
    [f.count(totals.errors.withError), report.withError],
    [f.count(totals.errors.ungrouped), report.ungrouped],
    [f.count(totals.errors.contactLimitExceeded), report.contactLimit],
    [f.count(totals.errors.duplicates), report.duplicates],
  ];
  const colorOf = userColors(totals, history, view.history);
  return html`${cards(kpis)}
<h3>${m.problemsHeading}</h3>
${cards(problems, 'problems')}
<h3>${m.usersHeading}</h3>
${todayUsersTable(totals, colorOf, m, f)}
${todayChart(view.intraday, colorOf, m, f)}`;
}

/**
 * One colour per user on the whole page (today's bars, today's hour chart, the 30-day chart): a
 * user the 30-day chart names keeps its colour there, one it gathers into "others" is the others'
 * grey everywhere, and one it does not show at all (new today, or no days kept) takes a palette
 * colour the chart left free, most leads first, grey once those run out.
 */
function userColors(totals: LeadTotals, history: ReportData | undefined, view: DashboardView['history']): (name: string) => string {
  const colors = new Map(history ? colored(history.users).filter((_, index) => !history.users[index]?.other).map((one) => [one.name, one.color] as const) : []);
  const charted = new Set(history && view.enabled ? view.days.filter((day) => day.date >= view.from && day.date <= view.to).flatMap((day) => day.users.map((user) => user.name)) : []);
  const taken = new Set(colors.values());
  const free = SERIES_COLORS.filter((color) => !taken.has(color));
  const ranked = [...totals.users].sort((a, b) => b.totalLeads - a.totalLeads || (a.name < b.name ? -1 : 1));
  for (const user of ranked) if (!charted.has(user.name) && !colors.has(user.name)) colors.set(user.name, free.shift() ?? OTHER_COLOR);
  return (name) => colors.get(name) ?? OTHER_COLOR;
}

function cards(items: readonly [string, string][], className?: string): Html {
  return html`<ul class="kpis${className ? ` ${className}` : ''}">${items.map(([value, label]) => html`<li><b>${value}</b><span>${label}</span></li>`)}</ul>`;
}

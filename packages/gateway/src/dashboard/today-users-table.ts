import type { LeadTotals } from '@zen-leads/core';
import type { Formats } from '@zen-leads/history';
import { html, raw } from 'hono/html';
import type { DashboardMessages } from './messages/index.js';
import type { Html } from './pages.js';

/**
 * Today's leads per user, most first, as a table: name, count and share as text (readable at any
 * width, read out by screen readers), plus a bar drawn as a small SVG whose width is an attribute
 * (the CSP forbids inline styles). A bar's colour is the user's colour in the 30-day chart.
 */
export function todayUsersTable(totals: LeadTotals, colorOf: (name: string) => string, m: DashboardMessages, f: Formats): Html {
  const users = [...totals.users].sort((a, b) => b.totalLeads - a.totalLeads || (a.name < b.name ? -1 : 1));
  if (users.length === 0) return html`<p class="note">${m.noUsers}</p>`;
  const total = users.reduce((sum, user) => sum + user.totalLeads, 0);
  const max = Math.max(1, ...users.map((user) => user.totalLeads));
  const rows = users.map((user) => {
    const name = user.name.trim() === '' ? m.noName : user.name;
    const width = Math.round((user.totalLeads / max) * 1000) / 10;
    const bar = `<svg class="bar" viewBox="0 0 100 10" preserveAspectRatio="none" width="100%" height="14" aria-hidden="true" focusable="false"><rect width="${Math.max(width, 0.5)}" height="10" fill="${colorOf(user.name)}"/></svg>`;
    return html`<tr><th scope="row">${name}</th><td>${f.count(user.totalLeads)}</td><td>${f.share(total > 0 ? user.totalLeads / total : 0)}</td><td class="bar">${raw(bar)}</td></tr>`;
  });
  return html`<table class="today-users">
<caption>${m.usersCaption(f, totals.date)}</caption>
<thead><tr><th scope="col">${m.user}</th><th scope="col">${m.leads}</th><th scope="col">${m.share}</th><th scope="col" class="bar"><span class="visually-hidden">${m.bar}</span></th></tr></thead>
<tbody>${rows}</tbody>
</table>`;
}

import type { LeadTotals } from '@zen-leads/core';
import { formatCount, formatShare, seriesColor } from '@zen-leads/history';
import { html } from 'hono/html';
import type { Html } from './pages.js';

const ROW_HEIGHT = 26;
const LABEL_WIDTH = 200;
const VALUE_WIDTH = 110;
const WIDTH = 960;

/**
 * Today's leads per user as horizontal bars, most first, drawn here as SVG (no script, no
 * external file): each bar has a `<title>` tooltip and its count and share printed beside it.
 */
export function userBarsChart(totals: LeadTotals): Html {
  const users = [...totals.users].sort((a, b) => b.totalLeads - a.totalLeads || (a.name < b.name ? -1 : 1));
  const total = users.reduce((sum, user) => sum + user.totalLeads, 0);
  const max = Math.max(1, ...users.map((user) => user.totalLeads));
  const plotWidth = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
  const height = Math.max(1, users.length) * ROW_HEIGHT + 8;
  const rows = users.map((user, index) => {
    const y = 4 + index * ROW_HEIGHT;
    const width = Math.round((user.totalLeads / max) * plotWidth * 10) / 10;
    const share = total > 0 ? formatShare(user.totalLeads / total) : '0.0%';
    const name = user.name.trim() === '' ? '(no name)' : user.name;
    const count = formatCount(user.totalLeads);
    return html`<g class="user"><text x="${LABEL_WIDTH - 8}" y="${y + ROW_HEIGHT / 2}" dy="0.32em" text-anchor="end">${name}</text><rect x="${LABEL_WIDTH}" y="${y + 3}" width="${Math.max(width, 1)}" height="${ROW_HEIGHT - 6}" fill="${seriesColor(0)}"><title>${name}: ${count} leads (${share})</title></rect><text x="${LABEL_WIDTH + width + 6}" y="${y + ROW_HEIGHT / 2}" dy="0.32em">${count} · ${share}</text></g>`;
  });
  const empty = users.length === 0 ? html`<text x="${LABEL_WIDTH}" y="${ROW_HEIGHT / 2 + 4}" dy="0.32em">No user received leads yet today.</text>` : '';
  return html`<svg xmlns="http://www.w3.org/2000/svg" class="chart today-users" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-labelledby="today-users-title today-users-desc"><title id="today-users-title">Leads per user, ${totals.date}</title><desc id="today-users-desc">Horizontal bars: leads each user received on ${totals.date}, most first.</desc>${rows}${empty}</svg>`;
}

import { todayInSaoPaulo } from '@zen-leads/core';
import { formatCsv } from '@zen-leads/core/internal';
import { INTRADAY_COLUMNS, intradayRows } from '@zen-leads/history';
import { alertsSince } from '../intraday/alert-board.js';
import type { GatewayRequest } from './gateway-app.js';
import { v1ClientOf, v1DayOf, v1Error } from './v1-client.js';

/** Spreadsheets (IMPORTDATA, BI tools) read this: CRM names that look like formulas stay text. */
const SPREADSHEET_SAFE = { neutraliseFormulas: true } as const;

/**
 * `GET /v1/totals/{date}/intraday.json` and `intraday.csv`: the day's snapshots as a time series
 * (per snapshot: each user's cumulative and new leads, the problem counts). Read from what the
 * gateway stored: never a request upstream. Asking for today is looking at today, so the idle
 * windows keep it fresh for a while.
 */
export async function serveIntraday(c: GatewayRequest, format: 'json' | 'csv'): Promise<Response> {
  const client = v1ClientOf(c, format === 'csv');
  if ('refused' in client) return client.refused;
  const day = v1DayOf(c);
  if ('refused' in day) return day.refused;
  const { upstream, interest, snapshots } = c.env;
  const now = upstream.clock.now();
  if (day.date === todayInSaoPaulo(now)) interest.touch(now);
  const intraday = await snapshots.intraday(day.date);
  const headers = { 'cache-control': 'no-cache' };
  if (format === 'json') return c.json(intraday, 200, headers);
  const csv = formatCsv(INTRADAY_COLUMNS, intradayRows(intraday).map((row) => ({ ...row })), SPREADSHEET_SAFE);
  return c.body(csv, 200, {
    ...headers,
    'content-type': 'text/csv; charset=utf-8; header=present',
    'content-disposition': `attachment; filename="zen-leads-${day.date}-intraday.csv"`,
    // A key in the URL must not travel on in a Referer.
    'referrer-policy': 'no-referrer',
  });
}

/**
 * `GET /v1/alerts.json[?since=ISO]`: `{ alerts }`, today's and yesterday's, newest first; with
 * `since`, only the alerts fired after it (what a poller has not seen yet).
 */
export function serveAlerts(c: GatewayRequest): Response {
  const client = v1ClientOf(c, false);
  if ('refused' in client) return client.refused;
  const sinceText = c.req.query('since');
  const since = sinceText === undefined ? undefined : new Date(sinceText);
  if (since !== undefined && Number.isNaN(since.getTime())) {
    return v1Error(c, 400, 'since-invalid', `since must be an ISO 8601 time such as 2026-11-24T13:05:00Z; got ${JSON.stringify(String(sinceText).slice(0, 40))}.`);
  }
  const alerts = c.env.alerts ? alertsSince(c.env.alerts, since) : [];
  return c.json({ alerts }, 200, { 'cache-control': 'no-store' });
}

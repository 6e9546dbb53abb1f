import { BREAKDOWN_COLUMNS, RateLimitedError, USER_COLUMNS, formatSaoPauloDateTime, isZenError, summarize, toBreakdownRows, toUserRows, type LeadTotals } from '@zen-leads/core';
import { formatCsv } from '@zen-leads/core/internal';
import { Hono } from 'hono';
import { isStoreOutage } from '../store/watched-store.js';
import { dayResponse, type Representation } from './day-response.js';
import type { GatewayRequest, GatewayEnv } from './gateway-app.js';
import { STORE_RETRY_AFTER_SECONDS, obtainDay, retryAfterSeconds, type DayOutcome } from './obtain-day.js';
import { serveAlerts, serveIntraday } from './intraday-routes.js';
import { v1ClientOf, v1DayOf, v1Error } from './v1-client.js';

/** The row views served as CSV. */
const CSV_VIEWS = ['users', 'breakdown', 'summary'] as const;
type CsvView = (typeof CSV_VIEWS)[number];

/** Spreadsheets (IMPORTDATA, BI tools) read these: CRM names that look like formulas stay text. */
const SPREADSHEET_SAFE = { neutraliseFormulas: true } as const;

/** A view of the day as RFC 4180 CSV (header line, CRLF line ends). */
function renderCsv(view: CsvView, totals: LeadTotals): string {
  if (view === 'summary') {
    const summary = { ...summarize(totals) };
    return formatCsv(Object.keys(summary), [summary], SPREADSHEET_SAFE);
  }
  if (view === 'users') return formatCsv(USER_COLUMNS, toUserRows(totals).map((row) => ({ ...row })), SPREADSHEET_SAFE);
  return formatCsv(BREAKDOWN_COLUMNS, toBreakdownRows(totals).map((row) => ({ ...row })), SPREADSHEET_SAFE);
}

const MODEL_JSON: Representation = {
  name: 'json',
  contentType: 'application/json; charset=utf-8',
  render: (entry) => JSON.stringify(entry.result.totals),
};

function csvRepresentation(view: CsvView, date: string): Representation {
  return {
    name: `${view}.csv`,
    contentType: 'text/csv; charset=utf-8; header=present',
    fileName: `zen-leads-${date}-${view}.csv`,
    render: (entry) => renderCsv(view, entry.result.totals),
  };
}

/** Only GET and HEAD: anything else is a 405 naming them, as for the API's own route. */
function methodNotAllowed(c: GatewayRequest): Response {
  return v1Error(c, 405, 'method-not-allowed', `${c.req.method} is not served here: /v1 answers GET and HEAD only.`, {}, { allow: 'GET, HEAD' });
}

/**
 * `GET /v1/totals/{date}` (the `LeadTotals` model as JSON) and
 * `GET /v1/totals/{date}/{users|breakdown|summary}.csv` (the row views), `date` being
 * `YYYY-MM-DD`, `yesterday` or `today`. Keys by `Authorization: Bearer` or the `token` header; CSV
 * links may carry `?key=` for spreadsheets that cannot send headers.
 */
export const v1Routes: Hono<GatewayEnv> = new Hono<GatewayEnv>()
  .get('/totals/:date', (c) => serveDay(c, undefined))
  .get('/totals/:date/:file', (c) => {
    const file = c.req.param('file');
    if (file === 'intraday.json' || file === 'intraday.csv') return serveIntraday(c, file === 'intraday.csv' ? 'csv' : 'json');
    const view = /^(\w+)\.csv$/.exec(c.req.param('file'))?.[1];
    if (!CSV_VIEWS.includes(view as CsvView)) {
      return v1Error(c, 404, 'not-found', `No such view: the CSV views are ${CSV_VIEWS.map((name) => `${name}.csv`).join(', ')}, and intraday.json / intraday.csv.`);
    }
    return serveDay(c, view as CsvView);
  })
  .get('/alerts.json', serveAlerts)
  .all('/alerts.json', methodNotAllowed)
  .all('/totals/:date', methodNotAllowed)
  .all('/totals/:date/:file', methodNotAllowed);

async function serveDay(c: GatewayRequest, view: CsvView | undefined): Promise<Response> {
  const client = v1ClientOf(c, view !== undefined);
  if ('refused' in client) return client.refused;
  const day = v1DayOf(c);
  if ('refused' in day) return day.refused;
  const { keyId } = client;
  const { date } = day;
  const { upstream, metrics } = c.env;
  const now = upstream.clock.now();
  const outcome = await obtainDay(c, date, keyId);
  if (outcome.kind === 'answer') {
    if (outcome.fromCache) metrics.cacheHits.inc({ route: view ? 'v1-csv' : 'v1-json' });
    const response = dayResponse(c.req.raw, outcome.entry, view ? csvRepresentation(view, date) : MODEL_JSON, upstream.windowMs, outcome.fromCache, upstream.clock.now());
    // A key in the URL must not travel on in a Referer.
    if (view) response.headers.set('referrer-policy', 'no-referrer');
    return response;
  }
  if (outcome.kind === 'queued') {
    const at = outcome.retryAt;
    return v1Error(
      c,
      429,
      'queued',
      `${date} is not in the gateway yet: it is queued for the token's window and expected at ${formatSaoPauloDateTime(at)} (America/Sao_Paulo). Retry after that, or send Prefer: wait=60 to be held until it arrives.`,
      { date, retryAt: at.toISOString() },
      { 'retry-after': String(retryAfterSeconds(at, now)) },
    );
  }
  if (outcome.kind === 'refused') return refusalResponse(c, outcome.refusal, now);
  return upstreamFailure(c, outcome.error, date, now);
}

function refusalResponse(c: GatewayRequest, refusal: Extract<DayOutcome, { kind: 'refused' }>['refusal'], now: number): Response {
  const at = refusal.retryAt;
  const headers = { 'retry-after': String(retryAfterSeconds(at, now)) };
  const extra = { retryAt: at.toISOString() };
  const after = `Retry after ${formatSaoPauloDateTime(at)} (America/Sao_Paulo)`;
  switch (refusal.refused) {
    case 'key-full':
      return v1Error(c, 429, 'key-queue-full', `This client key already has ${refusal.limit} days queued for the token's window, the most a key may have. ${after}, once some of them have arrived.`, { ...extra, limit: refusal.limit }, headers);
    case 'full':
      return v1Error(c, 503, 'queue-full', `The gateway's queue is full: ${refusal.limit} days are waiting for the token's window. ${after}.`, { ...extra, limit: refusal.limit }, headers);
    case 'closing':
      return v1Error(c, 503, 'shutting-down', `The gateway is shutting down and takes no new requests. ${after}, or ask another replica.`, extra, headers);
  }
}

function upstreamFailure(c: GatewayRequest, error: unknown, date: string, now: number): Response {
  if (error instanceof RateLimitedError) {
    const retryAt = error.retryAt;
    return v1Error(c, 429, 'queued', `${date} could not be fetched yet: the token's window frees at ${formatSaoPauloDateTime(retryAt)} (America/Sao_Paulo). Retry after that.`, { date, retryAt: retryAt.toISOString() }, { 'retry-after': String(retryAfterSeconds(retryAt, now)) });
  }
  if (isZenError(error) && error.code === 'ZEN_BAD_REQUEST') {
    return v1Error(c, 400, 'upstream-bad-request', `The CRM Zen API refused ${date}: ${error.apiMessage ?? 'bad request'}.`, { date });
  }
  if (isZenError(error) && error.code === 'ZEN_AUTH') {
    // Never a 401: the client's key is fine, it is the gateway's own CRM token that was refused.
    return v1Error(c, 502, 'upstream-token-refused', `The CRM Zen API refused the gateway's own token (${error.apiMessage ?? 'invalid token'}); your client key is fine. Whoever runs the gateway must update its CRM Zen token.`, { date });
  }
  if (isStoreOutage(error)) {
    const problem = `The gateway's own store (${error.store}) is unreachable since ${error.since.toISOString()}: without it the gateway cannot keep the token's window or read its cache, so nothing was sent to the CRM Zen API. Retry in a few seconds; /healthz says when the store is back.`;
    return v1Error(c, 503, 'store-unavailable', problem, { date, store: error.store }, { 'retry-after': String(STORE_RETRY_AFTER_SECONDS) });
  }
  const problem = isZenError(error) ? error.problem : 'an unexpected failure';
  return v1Error(c, 502, 'upstream-failed', `The CRM Zen API did not give ${date}: ${problem} Ask again later; /healthz shows the last upstream status.`, { date });
}

import { RateLimitedError, formatSaoPauloDateTime, isCalendarDate, isZenError, todayInSaoPaulo, yesterdayInSaoPaulo } from '@zen-leads/core';
import type { Context, Hono } from 'hono';
import { retryAfterSeconds } from './api-responses.js';
import { clientKeyOf } from './client-key-of.js';
import { CSV_VIEWS, renderCsv, type CsvView } from './csv-views.js';
import { dayResponse, type Representation } from './day-response.js';
import type { GatewayContext } from './gateway-context.js';
import { FIRST_DAY, obtainDay, type DayOutcome } from './obtain-day.js';
import { preferredWaitSeconds } from './prefer-wait.js';
import { v1StoreOutage } from './store-outage-responses.js';

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

/** `{ "error": sentence, "code": word, … }`: our own API speaks English and gives a code to branch on. */
function v1Error(status: number, code: string, error: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify({ error, code, ...extra }), { status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers } });
}

/**
 * `GET /v1/totals/{date}` (the `LeadTotals` model as JSON) and
 * `GET /v1/totals/{date}/{users|breakdown|summary}.csv` (the row views), `date` being
 * `YYYY-MM-DD`, `yesterday` or `today`. Keys by `Authorization: Bearer` or the `token` header; CSV
 * links may carry `?key=` for spreadsheets that cannot send headers.
 */
export function registerV1Routes(app: Hono, context: GatewayContext): void {
  app.get('/v1/totals/:date', (c) => serveDay(c, context, c.req.param('date'), undefined));
  app.get('/v1/totals/:date/:file', (c) => {
    const view = /^(\w+)\.csv$/.exec(c.req.param('file'))?.[1];
    if (!CSV_VIEWS.includes(view as CsvView)) {
      return v1Error(404, 'not-found', `No such view: the CSV views are ${CSV_VIEWS.map((name) => `${name}.csv`).join(', ')}.`);
    }
    return serveDay(c, context, c.req.param('date'), view as CsvView);
  });
}

async function serveDay(c: Context, context: GatewayContext, requested: string, view: CsvView | undefined): Promise<Response> {
  const request = c.req.raw;
  const key = clientKeyOf(request, view !== undefined);
  if (key === undefined) {
    const how = view ? ' CSV links may add ?key=<key> instead, for tools that cannot send headers.' : '';
    return v1Error(401, 'key-missing', `No client key. Send Authorization: Bearer <key> or the header token: <key>.${how}`);
  }
  const keyId = await context.keyring.identify(key);
  if (keyId === undefined) return v1Error(401, 'key-invalid', "That client key is not one of this gateway's keys. Ask whoever runs the gateway for a key, and check it has no stray spaces.");
  const now = context.upstream.clock.now();
  const refused = context.limiter.take(keyId, now);
  if (refused) {
    return v1Error(429, 'client-rate-limited', `Too many requests with this key. Retry after ${formatSaoPauloDateTime(refused.retryAt)} (America/Sao_Paulo).`, { retryAt: refused.retryAt.toISOString() }, { 'retry-after': String(retryAfterSeconds(refused.retryAt, now)) });
  }
  const date = resolveDay(requested, now);
  if (date === undefined) {
    return v1Error(400, 'date-invalid', `The day must be YYYY-MM-DD (a calendar day from ${FIRST_DAY} to today in America/Sao_Paulo), yesterday or today; got ${JSON.stringify(requested.slice(0, 40))}.`);
  }
  const waitSeconds = preferredWaitSeconds(request.headers.get('prefer'));
  const outcome = await obtainDay(context, date, { waitMs: waitSeconds * 1000, keyId, request });
  const applied: Record<string, string> = waitSeconds > 0 ? { 'preference-applied': `wait=${waitSeconds}` } : {};
  if (outcome.kind === 'answer') {
    if (outcome.fromCache) context.metrics.cacheHits.inc({ route: view ? 'v1-csv' : 'v1-json' });
    const response = dayResponse(request, outcome.entry, view ? csvRepresentation(view, date) : MODEL_JSON, context.windowMs, outcome.fromCache, context.upstream.clock.now());
    for (const [name, value] of Object.entries(applied)) response.headers.set(name, value);
    // A key in the URL must not travel on in a Referer.
    if (view) response.headers.set('referrer-policy', 'no-referrer');
    return response;
  }
  if (outcome.kind === 'queued') {
    const at = outcome.retryAt;
    return v1Error(
      429,
      'queued',
      `${date} is not in the gateway yet: it is queued for the token's window and expected at ${formatSaoPauloDateTime(at)} (America/Sao_Paulo). Retry after that, or send Prefer: wait=60 to be held until it arrives.`,
      { date, retryAt: at.toISOString() },
      { 'retry-after': String(retryAfterSeconds(at, now)), ...applied },
    );
  }
  if (outcome.kind === 'refused') return refusalResponse(outcome.refusal, now);
  return upstreamFailure(outcome.error, date, now);
}

function refusalResponse(refusal: Extract<DayOutcome, { kind: 'refused' }>['refusal'], now: number): Response {
  const at = refusal.retryAt;
  const headers = { 'retry-after': String(retryAfterSeconds(at, now)) };
  const extra = { retryAt: at.toISOString() };
  const after = `Retry after ${formatSaoPauloDateTime(at)} (America/Sao_Paulo)`;
  switch (refusal.refused) {
    case 'key-full':
      return v1Error(429, 'key-queue-full', `This client key already has ${refusal.limit} days queued for the token's window, the most a key may have. ${after}, once some of them have arrived.`, { ...extra, limit: refusal.limit }, headers);
    case 'full':
      return v1Error(503, 'queue-full', `The gateway's queue is full: ${refusal.limit} days are waiting for the token's window. ${after}.`, { ...extra, limit: refusal.limit }, headers);
    case 'closing':
      return v1Error(503, 'shutting-down', `The gateway is shutting down and takes no new requests. ${after}, or ask another replica.`, extra, headers);
  }
}

function upstreamFailure(error: unknown, date: string, now: number): Response {
  if (error instanceof RateLimitedError) {
    const retryAt = error.retryAt;
    return v1Error(429, 'queued', `${date} could not be fetched yet: the token's window frees at ${formatSaoPauloDateTime(retryAt)} (America/Sao_Paulo). Retry after that.`, { date, retryAt: retryAt.toISOString() }, { 'retry-after': String(retryAfterSeconds(retryAt, now)) });
  }
  if (isZenError(error) && error.code === 'ZEN_BAD_REQUEST') {
    return v1Error(400, 'upstream-bad-request', `The CRM Zen API refused ${date}: ${error.apiMessage ?? 'bad request'}.`, { date });
  }
  if (isZenError(error) && error.code === 'ZEN_AUTH') {
    // Never a 401: the client's key is fine, it is the gateway's own CRM token that was refused.
    return v1Error(502, 'upstream-token-refused', `The CRM Zen API refused the gateway's own token (${error.apiMessage ?? 'invalid token'}); your client key is fine. Whoever runs the gateway must update its CRM Zen token.`, { date });
  }
  const storeDown = v1StoreOutage(error, date);
  if (storeDown) return storeDown;
  const problem = isZenError(error) ? error.problem : 'an unexpected failure';
  return v1Error(502, 'upstream-failed', `The CRM Zen API did not give ${date}: ${problem} Ask again later; /healthz shows the last upstream status.`, { date });
}

function resolveDay(requested: string, now: number): string | undefined {
  if (requested === 'today') return todayInSaoPaulo(now);
  if (requested === 'yesterday') return yesterdayInSaoPaulo(now);
  return isCalendarDate(requested) && requested <= todayInSaoPaulo(now) && requested >= FIRST_DAY ? requested : undefined;
}

import { RateLimitedError, formatSaoPauloDateTime, isCalendarDate, isZenError, todayInSaoPaulo } from '@zen-leads/core';
import { API_MESSAGES, rateLimitMessage } from '@zen-leads/core/internal';
import { Hono } from 'hono';
import { isStoreOutage } from '../store/watched-store.js';
import { dayResponse, type Representation } from './day-response.js';
import type { GatewayRequest, GatewayEnv } from './gateway-app.js';
import { FIRST_DAY, STORE_RETRY_AFTER_SECONDS, obtainDay, retryAfterSeconds, type DayOutcome } from './obtain-day.js';

/**
 * The CRM Zen API's own words come from the core (the wire contract, checked word for word
 * against the spec): `/api/totais_lead` is a drop-in for the API, and clients match on them.
 */
export { API_MESSAGES, rateLimitMessage };

/** Where the API's contract is served. */
export const API_PATH = '/api/totais_lead';

const API_BODY: Representation = { name: 'api', contentType: 'application/json; charset=utf-8' };

/** `{"error": "…"}` with the API's status and content type, as the API sends it. */
export function apiError(status: number, message: string, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify({ error: message }), { status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers } });
}

/** A 429 in the API's format, with `Retry-After`. */
function apiRateLimited(lastRequestAt: Date, availableAt: Date, now: number): Response {
  return apiError(429, rateLimitMessage(lastRequestAt, availableAt), { 'retry-after': String(retryAfterSeconds(availableAt, now)) });
}

/** The gateway's own refusals on `/api/totais_lead`, in the API's language (Portuguese) and format. */
const GATEWAY_MESSAGES = {
  keyQueueFull: (limit: number, at: Date): string =>
    `Este token já tem ${limit} dias na fila do gateway, o máximo por token. Aguarde esses dias chegarem e tente novamente depois de ${formatSaoPauloDateTime(at)}.`,
  queueFull: (limit: number, at: Date): string =>
    `A fila do gateway está cheia: ${limit} dias aguardam a janela do CRM Zen. Tente novamente depois de ${formatSaoPauloDateTime(at)}.`,
  closing: 'O gateway está sendo encerrado e não aceita novos pedidos. Tente novamente em instantes.',
  /** Never a 401: that would tell the client its own key is wrong. */
  upstreamTokenRefused: (apiMessage: string | undefined): string =>
    `O token do gateway foi recusado pelo CRM Zen (${apiMessage ?? 'Token inválido'}). Atualize o token do gateway.`,
  /** The gateway's own store, not the CRM: nothing was sent upstream. */
  storeOutage: (store: string): string =>
    `O armazenamento do gateway (${store}) está indisponível: sem ele o gateway não controla a janela do token nem o cache, e nada foi enviado à API do CRM Zen. Tente novamente em alguns segundos.`,
} as const;

/**
 * `GET /api/totais_lead?data=YYYY-MM-DD` with `token: <client key>`: the API's own contract, so an
 * existing client only changes its URL and token. Checks run in the API's order (method, token,
 * date) and none of them sends anything upstream. Of `?data=A&data=B` the last counts, as in PHP.
 */
export const apiRoute: Hono<GatewayEnv> = new Hono<GatewayEnv>().all(API_PATH, async (c) => {
  if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return apiError(405, API_MESSAGES.methodNotAllowed, { allow: 'GET, HEAD' });
  const { keyId } = c.var;
  if (!c.var.keyPresented) return apiError(401, API_MESSAGES.tokenMissing);
  if (keyId === undefined) return apiError(401, API_MESSAGES.tokenInvalid);
  const { upstream, limiter } = c.env;
  const refused = limiter.take(keyId, upstream.clock.now());
  if (refused) return apiRateLimited(refused.lastAllowedAt, refused.retryAt, upstream.clock.now());
  const date = c.req.queries('data')?.at(-1);
  if (!date) return apiError(400, API_MESSAGES.dateMissing);
  // A future day is refused here: the core would not spend a window on it either. Nor one
  // before any account could exist: a flood of year-0001 days must not fill the queue.
  if (!isCalendarDate(date) || date > todayInSaoPaulo(upstream.clock.now()) || date < FIRST_DAY) return apiError(400, API_MESSAGES.dateInvalid);
  return apiResponseOf(c, await obtainDay(c, date, keyId));
});

function apiResponseOf(c: GatewayRequest, outcome: DayOutcome): Response {
  const { upstream, metrics } = c.env;
  const now = upstream.clock.now();
  const lastRequestAt = upstream.status().lastRequestAt ?? new Date(now);
  switch (outcome.kind) {
    case 'answer':
      if (outcome.fromCache) metrics.cacheHits.inc({ route: 'api' });
      return dayResponse(c.req.raw, outcome.entry, API_BODY, upstream.windowMs, outcome.fromCache, now);
    case 'queued':
      // The day stays queued: a retry after Retry-After is answered from the cache.
      return apiRateLimited(lastRequestAt, outcome.retryAt, now);
    case 'refused':
      return refusalResponse(outcome.refusal, now);
    case 'failed': {
      const error = outcome.error;
      if (error instanceof RateLimitedError) return apiRateLimited(lastRequestAt, error.retryAt, now);
      if (isZenError(error) && error.code === 'ZEN_BAD_REQUEST') return apiError(400, error.apiMessage ?? API_MESSAGES.dateInvalid);
      if (isZenError(error) && error.code === 'ZEN_AUTH') return apiError(502, GATEWAY_MESSAGES.upstreamTokenRefused(error.apiMessage));
      if (isStoreOutage(error)) return apiError(503, GATEWAY_MESSAGES.storeOutage(error.store), { 'retry-after': String(STORE_RETRY_AFTER_SECONDS) });
      return apiError(500, API_MESSAGES.serverError);
    }
  }
}

function refusalResponse(refusal: Extract<DayOutcome, { kind: 'refused' }>['refusal'], now: number): Response {
  const headers = { 'retry-after': String(retryAfterSeconds(refusal.retryAt, now)) };
  switch (refusal.refused) {
    case 'key-full':
      return apiError(429, GATEWAY_MESSAGES.keyQueueFull(refusal.limit, refusal.retryAt), headers);
    case 'full':
      return apiError(503, GATEWAY_MESSAGES.queueFull(refusal.limit, refusal.retryAt), headers);
    case 'closing':
      return apiError(503, GATEWAY_MESSAGES.closing, headers);
  }
}

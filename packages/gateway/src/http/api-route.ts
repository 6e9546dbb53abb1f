import { RateLimitedError, isCalendarDate, isZenError, todayInSaoPaulo } from '@zen-leads/core';
import type { Hono } from 'hono';
import { API_MESSAGES, GATEWAY_MESSAGES, apiError, apiRateLimited, retryAfterSeconds } from './api-responses.js';
import { clientKeyOf } from './client-key-of.js';
import { dayResponse, type Representation } from './day-response.js';
import type { GatewayContext } from './gateway-context.js';
import { FIRST_DAY, obtainDay, type DayOutcome } from './obtain-day.js';
import { preferredWaitSeconds } from './prefer-wait.js';
import { apiStoreOutage } from './store-outage-responses.js';

/** Where the API's contract is served. */
export const API_PATH = '/api/totais_lead';

const API_BODY: Representation = { name: 'api', contentType: 'application/json; charset=utf-8' };

/**
 * `GET /api/totais_lead?data=YYYY-MM-DD` with `token: <client key>`: the API's own contract, so an
 * existing client only changes its URL and token. Checks run in the API's order (method, token,
 * date) and none of them sends anything upstream.
 */
export function registerApiRoute(app: Hono, context: GatewayContext): void {
  app.all(API_PATH, async (c) => {
    const request = c.req.raw;
    if (request.method !== 'GET' && request.method !== 'HEAD') return apiError(405, API_MESSAGES.methodNotAllowed, { allow: 'GET, HEAD' });
    const key = clientKeyOf(request, false);
    if (key === undefined) return apiError(401, API_MESSAGES.tokenMissing);
    const keyId = await context.keyring.identify(key);
    if (keyId === undefined) return apiError(401, API_MESSAGES.tokenInvalid);
    const refused = context.limiter.take(keyId, context.upstream.clock.now());
    if (refused) return apiRateLimited(refused.lastAllowedAt, refused.retryAt, context.upstream.clock.now());
    const date = c.req.query('data');
    if (!date) return apiError(400, API_MESSAGES.dateMissing);
    // A future day is refused here: the core would not spend a window on it either. Nor one
    // before any account could exist: a flood of year-0001 days must not fill the queue.
    if (!isCalendarDate(date) || date > todayInSaoPaulo(context.upstream.clock.now()) || date < FIRST_DAY) return apiError(400, API_MESSAGES.dateInvalid);
    const waitSeconds = preferredWaitSeconds(request.headers.get('prefer'));
    const outcome = await obtainDay(context, date, { waitMs: waitSeconds * 1000, keyId, request });
    const response = apiResponseOf(request, outcome, context);
    if (waitSeconds > 0) response.headers.set('preference-applied', `wait=${waitSeconds}`);
    return response;
  });
}

function apiResponseOf(request: Request, outcome: DayOutcome, context: GatewayContext): Response {
  const now = context.upstream.clock.now();
  const lastRequestAt = context.upstream.status().lastRequestAt ?? new Date(now);
  switch (outcome.kind) {
    case 'answer':
      if (outcome.fromCache) context.metrics.cacheHits.inc({ route: 'api' });
      return dayResponse(request, outcome.entry, API_BODY, context.windowMs, outcome.fromCache, now);
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
      return apiStoreOutage(error) ?? apiError(500, API_MESSAGES.serverError);
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

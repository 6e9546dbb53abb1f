import { formatSaoPauloDateTime } from '@zen-leads/core';
import type { Context } from 'hono';
import { loginPage } from '../dashboard/pages.js';
import { API_PATH, apiError } from './api-route.js';
import { langOf } from './dashboard-routes.js';
import { retryAfterSeconds } from './obtain-day.js';

/** The lock-out's words, one per route format (people-facing ones in one place, for the catalogs). */
const LOCKOUT_MESSAGES = {
  /** `/api/totais_lead` speaks the CRM API's language, Portuguese. */
  api: (until: Date): string => `Muitas chaves erradas vieram deste endereço: ele está bloqueado até ${formatSaoPauloDateTime(until)}. Tente novamente depois disso.`,
  v1: (until: Date): string => `Too many wrong client keys came from this address: it is locked out until ${formatSaoPauloDateTime(until)} (America/Sao_Paulo). Try again after that.`,
} as const;

/**
 * The answer to a locked-out address, in the format of the route it asked: the API's
 * `{"error": …}` on `/api/totais_lead`, the JSON problem of `/v1` and `/metrics`, the sign-in
 * page on `/login`; always 429 with `Retry-After`. It depends only on the route and the time,
 * never on the key presented: a right key gets the same bytes as a wrong one.
 */
export function lockedOutResponse(c: Context, lockedUntil: number, now: number): Response | Promise<Response> {
  const until = new Date(lockedUntil);
  const headers = { 'retry-after': String(retryAfterSeconds(until, now)), 'cache-control': 'no-store' };
  if (c.req.path === API_PATH) return apiError(429, LOCKOUT_MESSAGES.api(until), headers);
  if (c.req.path === '/login') return c.html(loginPage(langOf(c), { lockedUntil: until }), 429, { ...headers, vary: 'Accept-Language' });
  return c.json({ error: LOCKOUT_MESSAGES.v1(until), code: 'too-many-wrong-keys', retryAt: until.toISOString() }, 429, headers);
}

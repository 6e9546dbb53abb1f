import { formatSaoPauloDateTime } from '@zen-leads/core';
import { resolveDay } from '@zen-leads/core/internal';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { GatewayRequest } from './gateway-app.js';
import { FIRST_DAY, retryAfterSeconds } from './obtain-day.js';

/** `{ "error": sentence, "code": word, … }`: our own API speaks English and gives a code to branch on. */
export function v1Error(c: GatewayRequest, status: ContentfulStatusCode, code: string, error: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}): Response {
  return c.json({ error, code, ...extra }, status, headers);
}

/**
 * The client key's id for a `/v1` request, or the response refusing it: no key, a key that is not
 * ours, or a key over its rate. `csv`: the route takes `?key=` too, which the 401 then mentions.
 */
export function v1ClientOf(c: GatewayRequest, csv: boolean): { keyId: string } | { refused: Response } {
  const { keyId } = c.var;
  if (!c.var.keyPresented) {
    const how = csv ? ' CSV links may add ?key=<key> instead, for tools that cannot send headers.' : '';
    return { refused: v1Error(c, 401, 'key-missing', `No client key. Send Authorization: Bearer <key> or the header token: <key>.${how}`) };
  }
  if (keyId === undefined) return { refused: v1Error(c, 401, 'key-invalid', "That client key is not one of this gateway's keys. Ask whoever runs the gateway for a key, and check it has no stray spaces.") };
  const now = c.env.upstream.clock.now();
  const limited = c.env.limiter.take(keyId, now);
  if (limited) {
    const message = `Too many requests with this key. Retry after ${formatSaoPauloDateTime(limited.retryAt)} (America/Sao_Paulo).`;
    return { refused: v1Error(c, 429, 'client-rate-limited', message, { retryAt: limited.retryAt.toISOString() }, { 'retry-after': String(retryAfterSeconds(limited.retryAt, now)) }) };
  }
  return { keyId };
}

/** The day a `/v1` path names (`YYYY-MM-DD`, `today`, `yesterday`, read by the core), or the 400 refusing it. */
export function v1DayOf(c: GatewayRequest): { date: string } | { refused: Response } {
  const requested = c.req.param('date') ?? '';
  try {
    const date = resolveDay(requested, c.env.upstream.clock.now());
    if (date >= FIRST_DAY) return { date };
  } catch {
    // Worded below, the same for every way a day can be wrong.
  }
  return { refused: v1Error(c, 400, 'date-invalid', `The day must be YYYY-MM-DD (a calendar day from ${FIRST_DAY} to today in America/Sao_Paulo), yesterday or today; got ${JSON.stringify(requested.slice(0, 40))}.`) };
}

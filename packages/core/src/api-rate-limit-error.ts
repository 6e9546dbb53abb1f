import { RateLimitedError } from './errors/rate-limited-error.js';
import { parseRateLimitMessage } from './api-messages.js';
import { cooldownAfterRateLimit } from './rate-limit-message.js';
import { apiMessageOf } from './response-errors.js';
import { formatSaoPauloDateTime } from './sao-paulo-calendar.js';
import type { TransportResponse } from './transport.js';

/**
 * The error for a 429: when the API accepts the token again, read from its message and measured
 * against its own `Date` header (so our clock's error does not enter), plus a margin.
 */
export function apiRateLimitError(response: TransportResponse, scrubbedBody: string, now: number, windowMs: number): RateLimitedError {
  const apiMessage = apiMessageOf(scrubbedBody);
  const message = parseRateLimitMessage(apiMessage);
  const retryAfterMs = cooldownAfterRateLimit({
    message,
    dateHeader: response.headers.get('date'),
    retryAfterHeader: response.headers.get('retry-after'),
    now,
    windowMs,
  });
  const retryAt = new Date(now + retryAfterMs);
  const at = `${formatSaoPauloDateTime(retryAt)} (America/Sao_Paulo)`;
  return new RateLimitedError(
    `The API's rate limit is in force (429): ${apiMessage === undefined ? 'too many requests' : `"${apiMessage}"`}.`,
    `The next request is possible at ${at}. Try again then, or set onRateLimit: 'wait'.`,
    {
      reason: 'api',
      status: 429,
      ...(apiMessage === undefined ? {} : { apiMessage }),
      ...(message.lastRequestAt ? { lastRequestAt: message.lastRequestAt } : {}),
      retryAt,
      retryAfterMs,
      windowMs,
    },
  );
}

import { ZenAuthError, authReasonOf } from './errors/zen-auth-error.js';
import { ZenBadRequestError } from './errors/zen-bad-request-error.js';
import { ZenMethodError } from './errors/zen-method-error.js';
import { ZenResponseError } from './errors/zen-response-error.js';
import { ZenServerError } from './errors/zen-server-error.js';
import type { ZenError } from './errors/zen-error.js';
import { excerptOf } from './lead-totals-body.js';

/** The API's `{"error": "…"}` text, or `undefined` when the body is something else. */
export function apiMessageOf(body: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed === 'object' && parsed !== null && typeof (parsed as { error?: unknown }).error === 'string') {
      return (parsed as { error: string }).error;
    }
  } catch {
    // Not JSON: the caller reports an excerpt instead.
  }
  return undefined;
}

/**
 * The typed error for a non-200, non-429 answer. `redact` scrubs anything the server echoed
 * back, in case it ever repeats the token.
 */
export function errorForStatus(status: number, body: string, redact: (text: string) => string): ZenError {
  const rawMessage = apiMessageOf(body);
  const apiMessage = rawMessage === undefined ? undefined : redact(rawMessage);
  const said = apiMessage ?? `a body that is not the API's {"error": …} JSON: ${JSON.stringify(redact(excerptOf(body)))}`;
  const options = { status, ...(apiMessage === undefined ? {} : { apiMessage }) };
  switch (status) {
    case 400:
      return new ZenBadRequestError(`The API rejected the request (400): ${said}. Check the date.`, options);
    case 401:
      return new ZenAuthError(`The API refused the token (401): ${said}. Copy the token again from CRM Zen → Integração.`, authReasonOf(apiMessage), options);
    case 405:
      return new ZenMethodError(`The API refused the method (405): ${said}. Check that the URL is the integration URL itself.`, options);
    default:
      if (status >= 500) {
        return new ZenServerError(`The API failed (${status}): ${said}. Try again later.`, options);
      }
      return new ZenResponseError(`The API answered with an unexpected status ${status}: ${said}. Check the integration URL.`, {
        ...options,
        excerpt: redact(excerptOf(body)),
      });
  }
}

import { ZenAuthError, type ZenAuthReason } from './errors/zen-auth-error.js';
import { ZenBadRequestError } from './errors/zen-bad-request-error.js';
import type { ZenError } from './errors/zen-error.js';
import { ZenMethodError } from './errors/zen-method-error.js';
import { ZenResponseError } from './errors/zen-response-error.js';
import { ZenServerError } from './errors/zen-server-error.js';
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

/** Reads the reason out of the API's Portuguese 401 messages. */
export function authReasonOf(apiMessage: string | undefined): ZenAuthReason {
  const text = (apiMessage ?? '').toLowerCase();
  if (text.includes('não informado') || text.includes('nao informado')) return 'missing';
  if (text.includes('desabilitado')) return 'disabled';
  if (text.includes('inválido') || text.includes('invalido')) return 'invalid';
  if (text.includes('não autorizado') || text.includes('nao autorizado')) return 'unauthorized';
  return 'unknown';
}

/**
 * The typed error for an answer other than 200 and 429. `body` is already scrubbed of the token
 * (a server may echo it back).
 */
export function errorForStatus(status: number, body: string): ZenError {
  const apiMessage = apiMessageOf(body);
  const excerpt = excerptOf(body);
  const said = apiMessage === undefined ? `with ${excerpt === '' ? 'an empty body' : JSON.stringify(excerpt)}` : `"${apiMessage}"`;
  const options = { status, ...(apiMessage === undefined ? {} : { apiMessage }) };
  switch (status) {
    case 400:
      return new ZenBadRequestError(`The API rejected the day (400): ${said}.`, 'Pass the day as YYYY-MM-DD.', options);
    case 401:
      return new ZenAuthError(`The API refused the token (401): ${said}.`, 'Copy the token again from CRM Zen → Integração.', authReasonOf(apiMessage), options);
    case 405:
      return new ZenMethodError(`The API refused the method (405): ${said}.`, 'Check that the URL is the integration URL itself.', options);
    default:
      if (status >= 500) return new ZenServerError(`The API failed (${status}) ${said}.`, 'Try again later.', options);
      return new ZenResponseError(`The API answered with the undocumented status ${status} ${said}.`, 'Check the integration URL.', {
        ...options,
        excerpt,
      });
  }
}

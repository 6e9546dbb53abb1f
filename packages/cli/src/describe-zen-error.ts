import type { ZenAuthError, ZenError, ZenNetworkError, ZenResponseError } from '@zen-leads/core';
import type { FailureContext } from './describe-error.js';
import { INTEGRATION_SCREEN, inputHint } from './input-hint.js';
import { rateLimitText } from './rate-limit-text.js';
import { formatDuration } from '@zen-leads/core/internal';
import { sentence } from './wording.js';
import { isAuthError, isInputError, isNetworkError, isRateLimitedError, isResponseError } from './zen-error-kinds.js';

/**
 * A core error for the command line: the core's `problem`, then a hint that names the flag or
 * env var to change, chosen by the error's `code`, `field` and `reason`.
 */
export function describeZenError(error: ZenError, context: FailureContext, now: number): string {
  if (isInputError(error)) return `${sentence(error.problem)} ${inputHint(error.field, error.reason)}\nNothing was sent.`;
  if (isAuthError(error)) return `${authProblem(error)}\n${authHint(error.reason)}`;
  if (isRateLimitedError(error)) return rateLimitText(error, context, now);
  if (isNetworkError(error)) return networkText(error, context);
  if (isResponseError(error)) return responseText(error);
  switch (error.code) {
    case 'ZEN_BAD_REQUEST':
      return `the API rejected the request (HTTP 400${quoted(error)}).\nCheck the DATE argument: a past or current day as YYYY-MM-DD, "today" or "yesterday".`;
    case 'ZEN_METHOD':
      return `the URL answered HTTP 405${quoted(error)}: it does not point at the lead-totals endpoint.\nCopy the integration URL again from ${INTEGRATION_SCREEN} and set ZEN_URL.`;
    case 'ZEN_SERVER':
      return error.apiMessage
        ? `the API failed (HTTP ${error.status ?? '5xx'}${quoted(error)})${windowsOf(error)}.\nThe fault is on the API's side; try again in a few minutes.`
        : `${sentence(error.problem)}\nThat page comes from something in front of the API (a proxy or gateway); try again in a few minutes.`;
    default:
      return sentence(error.problem);
  }
}

/** ", in 3 attempts (one per window: the API may count each)" when the core says how many requests may have been counted. */
function windowsOf(error: ZenError): string {
  const attempts = error.attempts ?? 1;
  return attempts > 1 ? `, in ${attempts} attempts (one per window: the API may count each)` : '';
}

function authProblem(error: ZenAuthError): string {
  if (!error.remembered) return `the API refused the token (HTTP 401${quoted(error)}).`;
  const again = error.retryAt ? `; it is asked again after ${formatDuration(Math.max(0, error.retryAt.getTime() - Date.now()))}` : '';
  return `the API refused this token moments ago (HTTP 401${quoted(error)}), so nothing was sent${again}.`;
}

function quoted(error: ZenError): string {
  return error.apiMessage ? `: "${error.apiMessage}"` : '';
}

function authHint(reason: string): string {
  switch (reason) {
    case 'missing':
      return `No token reached the API. Set ZEN_TOKEN to the token from ${INTEGRATION_SCREEN}.`;
    case 'disabled':
      return `The token is disabled. Enable it, or generate a new one, in ${INTEGRATION_SCREEN}, then update ZEN_TOKEN.`;
    case 'unauthorized':
      return `This token may not read this resource. Check that ZEN_URL and ZEN_TOKEN come from the same account's ${INTEGRATION_SCREEN} screen.`;
    default:
      return `Copy the token again from ${INTEGRATION_SCREEN} and set ZEN_TOKEN.`;
  }
}

function networkText(error: ZenNetworkError, context: FailureContext): string {
  const where = context.origin ? ` at ${context.origin}` : '';
  if (error.reason === 'timeout') {
    return `the API${where} took longer than the ${formatDuration(context.timeoutMs ?? 30_000)} timeout${windowsOf(error)}.\nIt may be slow today and still count each request: raise --timeout (e.g. --timeout 1m).`;
  }
  const check = 'Check the URL (ZEN_URL or --url) and the network connection.';
  // The core's problem for an unreachable host already says "Could not reach the API".
  return error.reason === 'unreachable'
    ? `${sentence(error.problem)}\nNothing was sent${context.origin ? ` to ${context.origin}` : ''}, so no request window was spent. ${check}`
    : `the connection to the API${where} failed${windowsOf(error)}: ${sentence(error.problem)}\n${check}`;
}

/** The core's problem already says what the answer was instead, naming the path or quoting the body. */
function responseText(error: ZenResponseError): string {
  if (error.reason === 'too-large') return `${sentence(error.problem)}\nCheck that ZEN_URL is the lead-totals integration URL: no day of an account is that large.`;
  return `${sentence(error.problem)}\nCheck that ZEN_URL is the lead-totals integration URL; if it is, the API is misbehaving — try again later.`;
}

import type { ZenError, ZenNetworkError, ZenResponseError } from '@zen-leads/core';
import { isUnreachable, problemHoldsDetails, problemOf } from './core-v2.js';
import type { FailureContext } from './describe-error.js';
import { INTEGRATION_SCREEN, inputHint } from './input-hint.js';
import { rateLimitText } from './rate-limit-text.js';
import { formatDuration, sentence } from './wording.js';
import { isAuthError, isInputError, isNetworkError, isRateLimitedError, isResponseError } from './zen-error-kinds.js';

/**
 * A core error for the command line: the core's `problem`, then a hint that names the flag or
 * env var to change, chosen by the error's `code`, `field` and `reason`.
 */
export function describeZenError(error: ZenError, context: FailureContext, now: number): string {
  if (isInputError(error)) return `${sentence(problemOf(error))} ${inputHint(error.field, error.reason)}\nNothing was sent.`;
  if (isAuthError(error)) return `the API refused the token (HTTP 401${quoted(error)}).\n${authHint(error.reason)}`;
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
        ? `the API failed (HTTP ${error.status ?? '5xx'}${quoted(error)}), also on the retries.\nThe fault is on the API's side; try again in a few minutes.`
        : `${sentence(problemOf(error))}\nThat page comes from something in front of the API (a proxy or gateway), also on the retries; try again in a few minutes.`;
    default:
      return sentence(problemOf(error));
  }
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
    return `no complete answer from the API${where} within ${formatDuration(context.timeoutMs ?? 30_000)}, also on the retries.\nCheck the network, or allow more time with --timeout (e.g. --timeout 1m).`;
  }
  const check = 'Check the URL (ZEN_URL or --url) and the network connection.';
  return isUnreachable(error)
    ? `could not reach the API${where}: ${sentence(problemOf(error))}\nNothing was sent, so no request window was spent. ${check}`
    : `could not reach the API${where}, also on the retries: ${sentence(problemOf(error))}\n${check}`;
}

function responseText(error: ZenResponseError): string {
  const details: string[] = [];
  if (!problemHoldsDetails(error)) {
    if (error.path) details.push(`The field at fault: ${error.path}.`);
    if (error.excerpt) details.push(`The body starts: ${JSON.stringify(error.excerpt)}.`);
  }
  return [
    `the API answered with something other than the documented lead totals: ${sentence(problemOf(error))}`,
    ...details,
    'Check that ZEN_URL is the integration URL; if it is, the API is misbehaving — try again later.',
  ].join('\n');
}

import { formatSaoPauloDateTime, isZenError, type ZenError } from '@zen-leads/core';
import { formatDuration } from './duration.js';
import type { ConnectionSettings } from './global-options.js';
import { isStoreUnavailableError } from './store-unavailable-error.js';
import { isRuntimePermissionError, isUsageError } from './usage-error.js';

const INTEGRATION_SCREEN = 'CRM Zen (gear icon → Integração)';

/** What the run knew when it failed; shapes the "how to fix it" part of a message. */
export type FailureContext = Partial<Pick<ConnectionSettings, 'onRateLimit' | 'maxWaitMs' | 'timeoutMs'>> & {
  /** The API's origin (scheme, host, port): never the path or query, which may carry secrets. */
  origin?: string;
};

/**
 * The stderr text for a failure: what went wrong, then how to fix it. Built only from our
 * errors' fields (status, the API's message, times), which never hold the token.
 */
export function describeError(error: unknown, context: FailureContext = {}, now: number = Date.now()): string {
  if (isUsageError(error)) return `zen-leads: ${error.message}`;
  if (isRuntimePermissionError(error)) {
    return `zen-leads: the runtime refused a permission: ${error.message}\nUnder Deno, run with --allow-read --allow-write --allow-env --allow-net (the cache folder, ZEN_* variables and the API).`;
  }
  if (isStoreUnavailableError(error)) {
    return `zen-leads: ${error.message}\nCheck that the server is running and reachable and that the URL's password is right (--store or ZEN_STORE), or pick another store: --store file: for this machine only.`;
  }
  if (!isZenError(error)) {
    const message = error instanceof Error ? error.message : String(error);
    return `zen-leads: unexpected error: ${message}\nThis is a bug in zen-leads; please report it with the command you ran (without the token).`;
  }
  return `zen-leads: ${describeZenError(error, context, now)}`;
}

function quoted(error: ZenError): string {
  return error.apiMessage ? `: "${error.apiMessage}"` : '';
}

function describeZenError(error: ZenError, context: FailureContext, now: number): string {
  const field = (error as { field?: string }).field;
  switch (error.code) {
    case 'ZEN_INPUT':
      return `${error.problem}${field === 'url' ? ' Pass --url or set ZEN_URL.' : field === 'token' ? ' Set ZEN_TOKEN.' : ''}\nNothing was sent.`;
    case 'ZEN_BAD_REQUEST':
      return `the API rejected the request (HTTP 400${quoted(error)}).\nCheck the DATE argument: a past or current day as YYYY-MM-DD, "today" or "yesterday".`;
    case 'ZEN_AUTH':
      return `the API refused the token (HTTP 401${quoted(error)}).\n${authHint((error as { reason?: string }).reason)}`;
    case 'ZEN_METHOD':
      return `the URL answered HTTP 405${quoted(error)}: it does not point at the lead-totals endpoint.\nCopy the integration URL again from ${INTEGRATION_SCREEN} and set ZEN_URL.`;
    case 'ZEN_RATE_LIMITED':
      return rateLimitMessage(error as ZenError & { retryAt?: Date; lastRequestAt?: Date }, context, now);
    case 'ZEN_SERVER':
      return error.apiMessage
        ? `the API failed (HTTP ${error.status ?? '5xx'}${quoted(error)}), also on the retries.\nThe fault is on the API's side; try again in a few minutes.`
        : `${error.message.replace(/\s*Try again later\.$/, '')}\nThat page comes from something in front of the API (a proxy or gateway), also on the retries; try again in a few minutes.`;
    case 'ZEN_NETWORK': {
      const where = context.origin ? ` at ${context.origin}` : '';
      return (error as { reason?: string }).reason === 'timeout'
        ? `no complete answer from the API${where} within ${formatDuration(context.timeoutMs ?? 30_000)}, also on the retries.\nCheck the network, or allow more time with --timeout (e.g. --timeout 1m).`
        : `could not reach the API${where}, also on the retries: ${error.message.replace(/\s*Check the URL and the network\.$/, '')}\nCheck the URL (ZEN_URL or --url) and the network connection.`;
    }
    case 'ZEN_RESPONSE': {
      const details = [
        (error as { path?: string }).path ? `at ${(error as { path?: string }).path}` : '',
        (error as { excerpt?: string }).excerpt ? `body starts ${JSON.stringify((error as { excerpt?: string }).excerpt)}` : '',
      ].filter(Boolean);
      return `the API answered with something other than the documented lead totals: ${error.message}${details.length ? ` (${details.join('; ')})` : ''}.\nCheck that ZEN_URL is the integration URL; if it is, the API is misbehaving — try again later.`;
    }
    default:
      return `${error.message}`;
  }
}

function authHint(reason: string | undefined): string {
  switch (reason) {
    case 'missing':
      return 'No token reached the API. Set ZEN_TOKEN to the token from ' + INTEGRATION_SCREEN + '.';
    case 'disabled':
      return `The token is disabled. Enable it, or generate a new one, in ${INTEGRATION_SCREEN}, then update ZEN_TOKEN.`;
    case 'unauthorized':
      return `This token may not read this resource. Check that ZEN_URL and ZEN_TOKEN come from the same account's ${INTEGRATION_SCREEN} screen.`;
    default:
      return `Copy the token again from ${INTEGRATION_SCREEN} and set ZEN_TOKEN.`;
  }
}

function rateLimitMessage(
  error: ZenError & { retryAt?: Date; lastRequestAt?: Date },
  context: FailureContext,
  now: number,
): string {
  const sentNothing = error.status === undefined;
  const retryAt = error.retryAt;
  const when = retryAt
    ? `The window frees at ${formatSaoPauloDateTime(retryAt)} São Paulo time, in ${formatDuration(retryAt.getTime() - now)}.`
    : '';
  const what = sentNothing
    ? "the token's rate-limit window is taken (the API takes one request per token every 5 minutes); nothing was sent."
    : `the API refused the request: too many requests (HTTP 429${quoted(error)}).`;
  const waitTooLong =
    context.onRateLimit === 'wait' && retryAt !== undefined && retryAt.getTime() - now > (context.maxWaitMs ?? 0);
  const fix =
    context.onRateLimit === 'fail'
      ? 'Run again then, or pass --on-rate-limit wait to wait for it.'
      : waitTooLong
        ? `That is longer than --max-wait ${formatDuration(context.maxWaitMs ?? 0)}; run again then, or raise --max-wait.`
        : 'Run again then.';
  return [what, when, fix].filter(Boolean).join('\n');
}

import { formatSaoPauloDateTime, type RateLimitedError } from '@zen-leads/core';
import { formatDuration, ordinal } from '@zen-leads/core/internal';
import type { FailureContext } from './describe-error.js';

/**
 * A rate-limit refusal: whether anything was sent, the window the run was configured with, when
 * it frees, and the flag that changes the outcome (`--on-rate-limit`, `--max-wait`).
 */
export function rateLimitText(error: RateLimitedError, context: FailureContext, now: number): string {
  const window = formatDuration(error.windowMs);
  const sentNothing = error.source === 'window';
  const apiWords = error.apiMessage ? `: "${error.apiMessage}"` : '';
  const what = sentNothing
    ? `the token's rate-limit window is taken (the API takes one request per token every ${window}); nothing was sent.`
    : `the API refused the request: too many requests (HTTP 429${apiWords}). Another program may be using the token.`;
  const place = error.position !== undefined && error.position > 1 ? ` This run was ${ordinal(error.position)} in line.` : '';
  const left = error.retryAt.getTime() - now;
  const when =
    left >= 1_000
      ? `The window frees at ${formatSaoPauloDateTime(error.retryAt)} São Paulo time, in ${formatDuration(left)}.`
      : 'The window is free again now.';
  return [what, `${when}${place}`, fixFor(error, context)].join('\n');
}

function fixFor(error: RateLimitedError, context: FailureContext): string {
  // A real 429 reaches the run only when it would not wait: --on-rate-limit fail, or a wait past --max-wait.
  const reason = error.reason !== 'api' ? error.reason : context.onRateLimit === 'fail' ? 'fail-mode' : context.onRateLimit === 'wait' ? 'max-wait' : 'api';
  switch (reason) {
    case 'fail-mode':
      return 'Run again then, or pass --on-rate-limit wait to wait for it.';
    case 'max-wait':
      return `That is longer than --max-wait ${formatDuration(context.maxWaitMs ?? 0)}; run again then, or raise --max-wait.`;
    default:
      return 'Run again then.';
  }
}

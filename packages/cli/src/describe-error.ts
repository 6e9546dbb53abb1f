import { formatSaoPauloDateTime, zenErrorOf, type KnownZenError, type RateLimitedError, type ZenError, type ZenInputError } from '@zen-leads/core';
import { formatDuration, ordinal } from '@zen-leads/core/internal';
import type { HistoryFileError } from '@zen-leads/history';
import { ExitCode, isCliError, isSystemError, reasonOf } from './cli-error.js';

/** What the run knew when it failed; shapes the "how to fix it" part of a message. */
export interface FailureContext {
  onRateLimit?: 'wait' | 'fail';
  maxWaitMs?: number;
  timeoutMs?: number;
  minIntervalMs?: number;
  /** The API's origin (scheme, host, port): never the path or query, which may carry secrets. */
  origin?: string;
  /** The option that named a history file (`--in` of report, `--out` of backfill). */
  historyFlag?: '--in' | '--out';
}

/** A failure for the command line: the stderr text (problem, then fix) and the exit code. */
export interface Failure {
  message: string;
  exitCode: ExitCode;
}

export const INTEGRATION_SCREEN = 'CRM Zen (gear icon → Integração)';

const contexts = new WeakMap<object, FailureContext>();

/**
 * Runs a task and, when it fails, remembers what it ran with, so the message can say "longer
 * than --max-wait 1m" instead of a bare "rate limited".
 */
export async function withFailureContext<T>(context: FailureContext, task: () => Promise<T>): Promise<T> {
  try {
    return await task();
  } catch (error) {
    if (typeof error === 'object' && error !== null) contexts.set(error, { ...contexts.get(error), ...context });
    throw error;
  }
}

/**
 * The one table from any error to its message and exit code. Built only from our errors' fields
 * (status, the API's message, times, paths), which never hold the token. The core's errors are
 * read by their literal `code` (an exhaustive switch), so a second copy of the core maps the same.
 */
export function describeFailure(error: unknown, context: FailureContext = contextOf(error), now: number = Date.now()): Failure {
  const zenError = zenErrorOf(error);
  if (zenError) return zenFailure(zenError, context, now);
  if (isCliError(error)) return { message: error.hint ? `${error.message}\n${error.hint}` : error.message, exitCode: error.exitCode };
  if (isHistoryFileError(error)) return { message: historyFileMessage(error, context.historyFlag ?? '--in'), exitCode: ExitCode.invalidInput };
  if (isRuntimePermissionError(error)) {
    return {
      message: `the runtime refused a permission: ${error.message}\nUnder Deno, run with --allow-read --allow-write --allow-env --allow-net (the cache folder, ZEN_* variables and the API).`,
      exitCode: ExitCode.invalidInput,
    };
  }
  if (isSystemError(error) && typeof error.path === 'string') {
    const call = error.syscall ? ` (${error.syscall} failed)` : '';
    return { message: `could not use ${error.path}${call}: ${reasonOf(error)}.\nCheck that disk and the folder's permissions, then run again.`, exitCode: ExitCode.outputFailed };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { message: `unexpected error: ${message}\nThis is a bug in zen-leads; please report it with the command you ran (without the token).`, exitCode: ExitCode.unexpected };
}

/** The stderr text for a failure, prefixed with the command's name. */
export function describeError(error: unknown, context: FailureContext = contextOf(error), now: number = Date.now()): string {
  return `zen-leads: ${describeFailure(error, context, now).message}`;
}

/** The exit code for an error. */
export function exitCodeOf(error: unknown): ExitCode {
  return describeFailure(error).exitCode;
}

function contextOf(error: unknown): FailureContext {
  return (typeof error === 'object' && error !== null && contexts.get(error)) || {};
}

function zenFailure(error: KnownZenError, context: FailureContext, now: number): Failure {
  switch (error.code) {
    case 'ZEN_INPUT':
      return { message: `${sentence(error.problem)} ${inputHint(error)}\nNothing was sent.`, exitCode: ExitCode.invalidInput };
    case 'ZEN_AUTH':
      return { message: `${authProblem(error, now)}\n${authHint(error.reason)}`, exitCode: ExitCode.authentication };
    case 'ZEN_RATE_LIMITED':
      return { message: rateLimitText(error, context, now), exitCode: ExitCode.rateLimited };
    case 'ZEN_NETWORK':
      return { message: networkText(error, context), exitCode: ExitCode.serverOrNetwork };
    case 'ZEN_RESPONSE': {
      // The core's problem already says what the answer was instead, naming the path or quoting the body.
      const check = 'Check that ZEN_URL is the lead-totals integration URL';
      const fix = error.reason === 'too-large' ? `${check}: no day of an account is that large.` : `${check}; if it is, the API is misbehaving — try again later.`;
      return { message: `${sentence(error.problem)}\n${fix}`, exitCode: ExitCode.invalidResponse };
    }
    case 'ZEN_BAD_REQUEST':
      return {
        message: `the API rejected the request (HTTP 400${quoted(error)}).\nCheck the DATE argument: a past or current day as YYYY-MM-DD, "today" or "yesterday".`,
        exitCode: ExitCode.invalidInput,
      };
    case 'ZEN_METHOD':
      // Our client only ever sends GET, so a 405 means the URL points at another resource.
      return {
        message: `the URL answered HTTP 405${quoted(error)}: it does not point at the lead-totals endpoint.\nCopy the integration URL again from ${INTEGRATION_SCREEN} and set ZEN_URL.`,
        exitCode: ExitCode.invalidInput,
      };
    case 'ZEN_SERVER':
      return {
        message: error.apiMessage
          ? `the API failed (HTTP ${error.status ?? '5xx'}${quoted(error)})${windowsOf(error)}.\nThe fault is on the API's side; try again in a few minutes.`
          : `${sentence(error.problem)}\nThat page comes from something in front of the API (a proxy or gateway); try again in a few minutes.`,
        exitCode: ExitCode.serverOrNetwork,
      };
    case 'ZEN_ERROR':
    case 'ZEN_GATEWAY_CONFIG':
      return { message: sentence(error.problem), exitCode: ExitCode.unexpected };
  }
}

/** The text as one sentence: a final period added only when it has no closing punctuation yet. */
export function sentence(text: string): string {
  const trimmed = text.trimEnd();
  return /[.!?…]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

function quoted(error: ZenError): string {
  return error.apiMessage ? `: "${error.apiMessage}"` : '';
}

/** ", in 3 attempts (one per window: the API may count each)" when the core says how many requests may have been counted. */
function windowsOf(error: ZenError): string {
  const attempts = error.attempts ?? 1;
  return attempts > 1 ? `, in ${attempts} attempts (one per window: the API may count each)` : '';
}

/** How to fix bad input, worded for the command line: the flag or env var to change, by the error's `field` and `reason`. */
function inputHint({ field, reason }: ZenInputError): string {
  const url = 'ZEN_URL (or --url)';
  switch (field) {
    case 'url':
      if (reason === 'missing') return `Set ${url} to the integration URL from ${INTEGRATION_SCREEN}.`;
      if (reason === 'userinfo') return `Remove the user name and password from ${url}; the token goes in ZEN_TOKEN.`;
      if (reason === 'token-in-url') return `Remove the token from ${url} and keep it in ZEN_TOKEN only: it is sent as a header, never in the URL.`;
      if (reason === 'scheme') return `The API speaks only https: set ${url} to the https:// integration URL from ${INTEGRATION_SCREEN}.`;
      // The core's problem already says the token would travel unencrypted; this says what that costs.
      if (reason === 'insecure-http') return 'Use the https:// URL. Pass --allow-insecure-http only for a test server you trust: anyone on the way can read the token and spend your window.';
      return `Set ${url} to the whole integration URL from ${INTEGRATION_SCREEN}, starting with https://.`;
    case 'token':
      if (reason === 'characters') return `Copy the token again from ${INTEGRATION_SCREEN} into ZEN_TOKEN, without spaces, quotes or line breaks.`;
      if (reason === 'too-long') return `Check that ZEN_TOKEN holds only the token from ${INTEGRATION_SCREEN}.`;
      return `Set ZEN_TOKEN to the token from ${INTEGRATION_SCREEN}.`;
    case 'date':
      return reason === 'future' ? 'Ask for today or an earlier day: DATE is a São Paulo calendar day.' : 'Write DATE as YYYY-MM-DD, "today" or "yesterday".';
    case 'maxWaitMs':
      return 'Check --max-wait: a duration like 30s, 5m or 1h.';
    case 'minIntervalMs':
      return "Check --min-interval: a duration like 5m (the API's window).";
    case 'timeoutMs':
      return 'Check --timeout: a duration like 30s.';
    case 'onRateLimit':
      return 'Pass --on-rate-limit wait or --on-rate-limit fail.';
    default:
      return 'Run the command with --help for its options.';
  }
}

function authProblem(error: Extract<KnownZenError, { code: 'ZEN_AUTH' }>, now: number): string {
  if (!error.remembered) return `the API refused the token (HTTP 401${quoted(error)}).`;
  const again = error.retryAt ? `; it is asked again after ${formatDuration(Math.max(0, error.retryAt.getTime() - now))}` : '';
  return `the API refused this token moments ago (HTTP 401${quoted(error)}), so nothing was sent${again}.`;
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

/**
 * A rate-limit refusal: whether anything was sent, the window the run was configured with, when
 * it frees, and the flag that changes the outcome (`--on-rate-limit`, `--max-wait`).
 */
function rateLimitText(error: RateLimitedError, context: FailureContext, now: number): string {
  const what =
    error.source === 'window'
      ? `the token's rate-limit window is taken (the API takes one request per token every ${formatDuration(error.windowMs)}); nothing was sent.`
      : `the API refused the request: too many requests (HTTP 429${quoted(error)}). Another program may be using the token.`;
  const place = error.position !== undefined && error.position > 1 ? ` This run was ${ordinal(error.position)} in line.` : '';
  const left = error.retryAt.getTime() - now;
  const when = left >= 1_000 ? `The window frees at ${formatSaoPauloDateTime(error.retryAt)} São Paulo time, in ${formatDuration(left)}.` : 'The window is free again now.';
  // A real 429 reaches the run only when it would not wait: --on-rate-limit fail, or a wait past --max-wait.
  const reason = error.reason !== 'api' ? error.reason : context.onRateLimit === 'fail' ? 'fail-mode' : context.onRateLimit === 'wait' ? 'max-wait' : 'api';
  const fix =
    reason === 'fail-mode'
      ? 'Run again then, or pass --on-rate-limit wait to wait for it.'
      : reason === 'max-wait'
        ? `That is longer than --max-wait ${formatDuration(context.maxWaitMs ?? 0)}; run again then, or raise --max-wait.`
        : 'Run again then.';
  return [what, `${when}${place}`, fix].join('\n');
}

function networkText(error: Extract<KnownZenError, { code: 'ZEN_NETWORK' }>, context: FailureContext): string {
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

/** By code: the history package may be another copy. */
function isHistoryFileError(error: unknown): error is HistoryFileError {
  return error instanceof Error && (error as { code?: unknown }).code === 'HISTORY_FILE';
}

/**
 * A history file error in the CLI's words. The library's problem stays; where the fix is the
 * CLI user's to make (no SQLite on this Node), the hint names this command's flag and the install
 * that makes SQLite available to a global or a project's zen-leads.
 */
function historyFileMessage(error: HistoryFileError, flag: '--in' | '--out'): string {
  if (error.reason !== 'sqlite-unavailable') return error.message;
  const ndjson = `${error.path.replace(/\.[^./\\]+$/, '')}.ndjson`;
  const instead = flag === '--out' ? `Use ${flag} ${ndjson} instead (NDJSON needs no SQLite), or run` : 'Run';
  return (
    `${error.problem} ${instead} zen-leads on Node ≥ 22.13, Bun or Deno, which ship SQLite, or install better-sqlite3 12 where ` +
    'zen-leads finds it: npm i -g better-sqlite3@12 beside a global zen-leads, npm i better-sqlite3@12 in a project (version 13 needs Node 22).'
  );
}

/**
 * Deno refusing a permission the run needs (`--allow-read` and friends): a usage problem with a
 * known fix, not a bug. Recognised by name, as Deno's error classes are not importable here.
 */
function isRuntimePermissionError(value: unknown): value is Error {
  return value instanceof Error && (value.name === 'NotCapable' || value.name === 'PermissionDenied');
}

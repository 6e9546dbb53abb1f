import { formatSaoPauloDateTime, zenErrorOf, type KnownZenError, type RateLimitedError, type ZenError, type ZenInputError } from '@zen-leads/core';
import { formatDuration } from '@zen-leads/core/internal';
import { HISTORY_EXTENSIONS, isPostgresUrl, type HistoryFileError, type Lang } from '@zen-leads/history';
import { ExitCode, isCliError, isSystemError, reasonOf, type CliError } from './cli-error.js';
import { cliMessages, type CliMessages } from './messages/index.js';

/** The failure texts of one language. */
type Texts = CliMessages['errors'];

/** What the run knew when it failed; shapes the "how to fix it" part of a message. */
export interface FailureContext {
  onRateLimit?: 'wait' | 'fail';
  maxWaitMs?: number;
  timeoutMs?: number;
  minIntervalMs?: number;
  /** The API's origin (scheme, host, port): never the path or query, which may carry secrets. */
  origin?: string;
  /** The option that named a history file (`--in` of report, `--out` of backfill, `--history` of watch). */
  historyFlag?: '--in' | '--out' | '--history';
}

/** A failure for the command line: the stderr text (problem, then fix) and the exit code. */
export interface Failure {
  message: string;
  exitCode: ExitCode;
}


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
export function describeFailure(error: unknown, context: FailureContext = contextOf(error), now: number = Date.now(), lang: Lang = 'en'): Failure {
  const say = cliMessages(lang);
  const t = say.errors;
  const zenError = zenErrorOf(error);
  if (zenError) return zenFailure(zenError, context, now, t);
  if (isCliError(error)) return { message: cliErrorText(error, say), exitCode: error.exitCode };
  if (isHistoryFileError(error)) return { message: historyFileMessage(error, context.historyFlag ?? '--in', say), exitCode: ExitCode.invalidInput };
  if (isRuntimePermissionError(error)) {
    return { message: t.permission(error.message), exitCode: ExitCode.invalidInput };
  }
  if (isSystemError(error) && typeof error.path === 'string') {
    const call = error.syscall ? t.syscallFailed(error.syscall) : '';
    return { message: t.couldNotUse(error.path, call, reasonOf(error, say)), exitCode: ExitCode.outputFailed };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { message: t.unexpected(message), exitCode: ExitCode.unexpected };
}

/** A `CliError` in the run's language; one from another copy of the CLI without `textIn`, as it came. */
function cliErrorText(error: CliError, say: CliMessages): string {
  if (typeof error.textIn === 'function') return error.textIn(say);
  return error.hint ? `${error.message}\n${error.hint}` : error.message;
}

/** The stderr text for a failure, prefixed with the command's name. */
export function describeError(error: unknown, context: FailureContext = contextOf(error), now: number = Date.now(), lang: Lang = 'en'): string {
  return `zen-leads: ${describeFailure(error, context, now, lang).message}`;
}

/** The exit code for an error. */
export function exitCodeOf(error: unknown): ExitCode {
  return describeFailure(error).exitCode;
}

function contextOf(error: unknown): FailureContext {
  return (typeof error === 'object' && error !== null && contexts.get(error)) || {};
}

function zenFailure(error: KnownZenError, context: FailureContext, now: number, t: Texts): Failure {
  switch (error.code) {
    case 'ZEN_INPUT':
      return { message: `${sentence(t.inputProblem(error.field, error.reason, error.problem))} ${inputHint(error, t)}\n${t.nothingSent}`, exitCode: ExitCode.invalidInput };
    case 'ZEN_AUTH':
      return { message: `${authProblem(error, now, t)}\n${authHint(error.reason, t)}`, exitCode: ExitCode.authentication };
    case 'ZEN_RATE_LIMITED':
      return { message: rateLimitText(error, context, now, t), exitCode: ExitCode.rateLimited };
    case 'ZEN_NETWORK':
      return { message: networkText(error, context, t), exitCode: ExitCode.serverOrNetwork };
    case 'ZEN_RESPONSE': {
      // The core's problem already says what the answer was instead, naming the path or quoting the body.
      const fix = error.reason === 'too-large' ? t.tooLarge(t.checkUrl) : t.misbehaving(t.checkUrl);
      return { message: `${sentence(error.problem)}\n${fix}`, exitCode: ExitCode.invalidResponse };
    }
    case 'ZEN_BAD_REQUEST':
      return { message: t.badRequest(quoted(error)), exitCode: ExitCode.invalidInput };
    case 'ZEN_METHOD':
      // Our client only ever sends GET, so a 405 means the URL points at another resource.
      return { message: t.method(quoted(error), t.integrationScreen), exitCode: ExitCode.invalidInput };
    case 'ZEN_SERVER':
      return {
        message: error.apiMessage ? t.serverFailed(String(error.status ?? '5xx'), quoted(error), windowsOf(error, t)) : t.proxyPage(sentence(error.problem)),
        exitCode: ExitCode.serverOrNetwork,
      };
    case 'ZEN_ERROR':
    case 'ZEN_GATEWAY_CONFIG':
      return { message: sentence(error.problem), exitCode: ExitCode.unexpected };
    case 'ZEN_ALERT_RULES':
      // A bad alerts file: its problem names the file, line and field; its hint, the fix.
      return { message: `${sentence(error.problem)}\n${error.hint}`, exitCode: ExitCode.invalidInput };
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
function windowsOf(error: ZenError, t: Texts): string {
  const attempts = error.attempts ?? 1;
  return attempts > 1 ? t.attempts(attempts) : '';
}

/** How to fix bad input, worded for the command line: the flag or env var to change, by the error's `field` and `reason`. */
function inputHint({ field, reason }: ZenInputError, t: Texts): string {
  const url = t.urlSetting;
  const screen = t.integrationScreen;
  const hints = t.hints;
  switch (field) {
    case 'url':
      if (reason === 'missing') return hints.urlMissing(url, screen);
      if (reason === 'userinfo') return hints.urlUserinfo(url);
      if (reason === 'token-in-url') return hints.urlToken(url);
      if (reason === 'scheme') return hints.urlScheme(url, screen);
      // The core's problem already says the token would travel unencrypted; this says what that costs.
      if (reason === 'insecure-http') return hints.urlInsecure;
      return hints.urlOther(url, screen);
    case 'token':
      if (reason === 'characters') return hints.tokenCharacters(screen);
      if (reason === 'too-long') return hints.tokenTooLong(screen);
      return hints.tokenOther(screen);
    case 'date':
      return reason === 'future' ? hints.dateFuture : hints.dateOther;
    case 'maxWaitMs':
      return hints.maxWait;
    case 'minIntervalMs':
      return hints.minInterval;
    case 'timeoutMs':
      return hints.timeout;
    case 'onRateLimit':
      return hints.onRateLimit;
    default:
      return hints.other;
  }
}

function authProblem(error: Extract<KnownZenError, { code: 'ZEN_AUTH' }>, now: number, t: Texts): string {
  if (!error.remembered) return t.authRefused(quoted(error));
  const again = error.retryAt ? t.askedAgain(formatDuration(Math.max(0, error.retryAt.getTime() - now))) : '';
  return t.authRemembered(quoted(error), again);
}

function authHint(reason: string, t: Texts): string {
  switch (reason) {
    case 'missing':
      return t.auth.missing(t.integrationScreen);
    case 'disabled':
      return t.auth.disabled(t.integrationScreen);
    case 'unauthorized':
      return t.auth.unauthorized(t.integrationScreen);
    default:
      return t.auth.other(t.integrationScreen);
  }
}

/**
 * A rate-limit refusal: whether anything was sent, the window the run was configured with, when
 * it frees, and the flag that changes the outcome (`--on-rate-limit`, `--max-wait`).
 */
function rateLimitText(error: RateLimitedError, context: FailureContext, now: number, t: Texts): string {
  const what = error.source === 'window' ? t.windowTaken(formatDuration(error.windowMs)) : t.tooMany(quoted(error));
  const place = error.position !== undefined && error.position > 1 ? t.placeInLine(error.position) : '';
  const left = error.retryAt.getTime() - now;
  const when = left >= 1_000 ? t.windowFrees(formatSaoPauloDateTime(error.retryAt), formatDuration(left)) : t.windowFreeNow;
  // A real 429 reaches the run only when it would not wait: --on-rate-limit fail, or a wait past --max-wait.
  const reason = error.reason !== 'api' ? error.reason : context.onRateLimit === 'fail' ? 'fail-mode' : context.onRateLimit === 'wait' ? 'max-wait' : 'api';
  const fix = reason === 'fail-mode' ? t.fixFailMode : reason === 'max-wait' ? t.fixMaxWait(formatDuration(context.maxWaitMs ?? 0)) : t.fixRunAgain;
  return [what, `${when}${place}`, fix].join('\n');
}

function networkText(error: Extract<KnownZenError, { code: 'ZEN_NETWORK' }>, context: FailureContext, t: Texts): string {
  const where = context.origin ? t.at(context.origin) : '';
  if (error.reason === 'timeout') return t.timeoutText(where, formatDuration(context.timeoutMs ?? 30_000), windowsOf(error, t));
  // The core's problem for an unreachable host already says "Could not reach the API".
  const problem = sentence(t.networkProblem(error.problem));
  return error.reason === 'unreachable'
    ? t.unreachable(problem, context.origin ? t.to(context.origin) : '', t.checkNetwork)
    : t.connectionFailed(where, windowsOf(error, t), problem, t.checkNetwork);
}

/** By code: the history package may be another copy. */
function isHistoryFileError(error: unknown): error is HistoryFileError {
  return error instanceof Error && (error as { code?: unknown }).code === 'HISTORY_FILE';
}

/**
 * A history file error in the CLI's words, by its `reason` where the path says it all; otherwise
 * the library's own words (they quote a database's or the file system's message). Where the fix
 * is the CLI user's to make (no SQLite on this Node), it names this command's flag and the
 * install that makes SQLite available to a global or a project's zen-leads.
 */
function historyFileMessage(error: HistoryFileError, flag: '--in' | '--out' | '--history', say: CliMessages): string {
  const words = say.historyFile;
  const database = isPostgresUrl(error.path);
  switch (error.reason) {
    case 'missing':
      return database ? words.emptyDatabase(error.path) : words.missing(error.path);
    case 'extension':
      return words.extension(error.path, HISTORY_EXTENSIONS.join(', '));
    case 'changed':
      return words.changed(error.path);
    case 'ambiguous-account':
      return words.severalAccounts(error.path);
    case 'sqlite-unavailable': {
      const ndjson = `${error.path.replace(/\.[^./\\]+$/, '')}.ndjson`;
      return `${error.problem} ${words.noSqlite(flag !== '--in' ? words.useNdjson(flag, ndjson) : words.run)}`;
    }
    default:
      return error.message;
  }
}

/**
 * Deno refusing a permission the run needs (`--allow-read` and friends): a usage problem with a
 * known fix, not a bug. Recognised by name, as Deno's error classes are not importable here.
 */
function isRuntimePermissionError(value: unknown): value is Error {
  return value instanceof Error && (value.name === 'NotCapable' || value.name === 'PermissionDenied');
}

import type { CacheFolderSetting } from './cli-error.js';
import type { CliContext } from './cli-context.js';
import { defaultCacheDir } from './cache-dir.js';
import { API_WINDOW_MS, WINDOW_MARGIN_MS } from '@zen-leads/core/internal';
import { parseDuration } from './duration.js';
import { parseStoreSpec, type StoreSpec } from './store-spec.js';
import { choiceOption, optionsHelp, stringOption, type OptionSection, type OptionValues, STANDARD_OPTIONS } from './parse-command-line.js';
import { CliError } from './cli-error.js';
import type { FailureContext } from './describe-error.js';
import { LANGS, langOfEnvironment, langOfTag, type Lang } from '@zen-leads/history';
import { cliMessages } from './messages/index.js';

/**
 * `--lang pt-BR|en` (or `--lang=…`), a global option: anywhere on the line, taken out before the
 * command parses the rest. It wins over the locale (`LC_ALL`, `LC_MESSAGES`, `LANG`); neither
 * set leaves the language unset, for each output's own default.
 */
export function takeLangOption(argv: readonly string[], env: CliContext['env']): { lang: Lang | undefined; argv: string[] } {
  const rest: string[] = [];
  let flag: string | undefined;
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!;
    if (arg === '--') {
      rest.push(...argv.slice(index));
      break;
    }
    if (arg === '--lang' || arg.startsWith('--lang=')) {
      flag = arg === '--lang' ? (argv[++index] ?? '') : arg.slice('--lang='.length);
      continue;
    }
    rest.push(arg);
  }
  if (flag === undefined) return { lang: langOfEnvironment(env), argv: rest };
  const lang = langOfTag(flag);
  if (lang === undefined) throw new CliError((say) => say.usage.lang(JSON.stringify(flag), LANGS));
  return { lang, argv: rest };
}

/** The language of messages and tables: English when nothing asks (POSIX's unset locale is "C"). */
export function messagesLang(context: Pick<CliContext, 'lang'>): Lang {
  return context.lang ?? 'en';
}

/** Where and who: shared by every command that talks to the API. */
export const CONNECTION: OptionSection = {
  title: 'Connection (from CRM Zen: gear icon → Integração):',
  options: {
    url: { type: 'string', value: 'url', help: 'the integration URL (env ZEN_URL)' },
    token: { type: 'string', value: 'token', help: 'the token (env ZEN_TOKEN; prefer the env var: a command-line\ntoken lands in your shell history)' },
    'allow-insecure-http': {
      type: 'boolean',
      help:
        'allow a plain http:// URL to a host that is not this machine.\nRisky: the token then crosses the network unencrypted, and\nanyone on the way can read it and spend your window. Only for\na test server you trust; loopback (127.x, ::1, localhost)\nneeds no flag',
    },
  },
};

/** How to treat the token's window. */
export const RATE_LIMIT: OptionSection = {
  title: 'Rate limit (the API takes one request per token every 5 minutes):',
  options: {
    'on-rate-limit': { type: 'string', value: 'mode', help: 'wait | fail — wait for the window, or exit 4 at once (default wait)' },
    'max-wait': { type: 'string', value: 'duration', help: 'longest wait before giving up with exit 4 (default 10m)' },
    'min-interval': {
      type: 'string',
      value: 'dur.',
      help: "the API's window between two requests (default 5m); the window\nkeeps 1s more, so clock and network jitter never draw a 429",
    },
    timeout: { type: 'string', value: 'duration', help: 'per-request timeout (default 30s)' },
  },
};

/** Where the window and past-day answers live. */
export const STORE: OptionSection = {
  title: 'Store and cache (where the rate-limit window and past-day answers live):',
  options: {
    store: {
      type: 'string',
      value: 'url',
      help:
        "env ZEN_STORE; who shares the token's window and the cache:\nfile:<dir>   every run on this machine (default: the cache dir)\nmemory:      this run only; nothing is kept\nredis://host:port[/db]   every machine that reaches that Redis\n(rediss:// for TLS; a password goes in the URL — prefer ZEN_STORE)",
    },
    'cache-dir': { type: 'string', value: 'dir', help: 'env ZEN_CACHE_DIR; default <user cache folder>/zen-leads' },
    'no-cache': { type: 'boolean', help: 'do not answer from or store the response cache (the token\'s\nwindow still applies)' },
  },
};

/**
 * The options every command that talks to the API shares: where and who (`--url`, `--token`),
 * how to treat the rate limit, and where the window and cache live; then -h and -V.
 */
export const CONNECTION_OPTIONS: readonly OptionSection[] = [CONNECTION, RATE_LIMIT, STORE, STANDARD_OPTIONS];

/** Their help, with the one line on durations they share. */
export function connectionOptionsHelp(): string {
  return `${optionsHelp([CONNECTION, RATE_LIMIT, STORE])}\n\nDurations read like 2500ms, 30s, 5m, 1h.\n\n${optionsHelp([STANDARD_OPTIONS])}`;
}

export const RATE_LIMIT_MODES = ['wait', 'fail'] as const;
export type RateLimitMode = (typeof RATE_LIMIT_MODES)[number];

/** The resolved connection settings, flags over env vars over defaults. */
export interface ConnectionSettings {
  url: string;
  token: string;
  onRateLimit: RateLimitMode;
  maxWaitMs: number;
  /** The API's window, as given (default 5 min); `windowIntervalMs` adds the safety margin. */
  minIntervalMs: number;
  timeoutMs: number | undefined;
  cacheDir: string;
  /** Which setting chose `cacheDir`, for a message that names the one to change. */
  cacheDirSetting: CacheFolderSetting;
  /** Plain http: to a host that is not loopback (`--allow-insecure-http`). */
  allowInsecureHttp: boolean;
  /** Where the window state and the cache live: `--store`, `ZEN_STORE`, else a file store in `cacheDir`. */
  store: StoreSpec;
  cache: boolean;
}

export const DEFAULT_MAX_WAIT_MS = 600_000;

/**
 * Reads the shared options. Everything that can be wrong is caught here, before a client
 * exists, so a typo never spends the token's window.
 */
export function resolveConnectionSettings(values: OptionValues, context: CliContext): ConnectionSettings {
  const durationOf = (name: string): number | undefined => {
    const text = stringOption(values, name);
    return text === undefined ? undefined : parseDuration(text, `--${name}`);
  };
  const maxWaitMs = durationOf('max-wait') ?? DEFAULT_MAX_WAIT_MS;
  const minIntervalMs = durationOf('min-interval') ?? API_WINDOW_MS;
  const timeoutMs = durationOf('timeout');
  if (timeoutMs === 0) throw new CliError((say) => say.input.timeoutZero);
  if (minIntervalMs === 0) throw new CliError((say) => say.input.minIntervalZero);
  const onRateLimit = choiceOption(values, 'on-rate-limit', RATE_LIMIT_MODES) ?? 'wait';

  const say = cliMessages(messagesLang(context)).settings;
  const url = stringOption(values, 'url') ?? nonEmpty(context.env.ZEN_URL);
  if (url === undefined) throw new CliError((words) => words.settings.noUrl);
  const tokenFlag = stringOption(values, 'token');
  const token = tokenFlag ?? nonEmpty(context.env.ZEN_TOKEN);
  if (token === undefined) throw new CliError((words) => words.settings.noToken);
  if (tokenFlag !== undefined) context.stderr.write(`${say.tokenFlag}\n`);
  const cacheDirFlag = stringOption(values, 'cache-dir');
  const cacheDir = cacheDirFlag ?? defaultCacheDir(context.env);
  const cacheDirSetting: CacheFolderSetting = cacheDirFlag ? '--cache-dir' : nonEmpty(context.env.ZEN_CACHE_DIR) ? 'ZEN_CACHE_DIR' : 'default';
  const allowInsecureHttp = values['allow-insecure-http'] === true;
  if (allowInsecureHttp && /^http:/i.test(url.trim())) {
    context.stderr.write(`${say.insecureHttp}\n`);
  }
  const storeFlag = stringOption(values, 'store');
  const store =
    storeFlag === undefined
      ? parseStoreSpec(nonEmpty(context.env.ZEN_STORE), 'ZEN_STORE', cacheDir)
      : parseStoreSpec(storeFlag, '--store', cacheDir);
  return {
    url,
    token,
    onRateLimit,
    maxWaitMs,
    minIntervalMs,
    timeoutMs,
    cacheDir,
    cacheDirSetting,
    allowInsecureHttp,
    store,
    cache: values['no-cache'] !== true,
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

/** The interval the core's scheduler keeps: the API's window plus its safety margin (for ETAs). */
export function windowIntervalMs(settings: Pick<ConnectionSettings, 'minIntervalMs'>): number {
  return settings.minIntervalMs + WINDOW_MARGIN_MS;
}

/** The parts of the settings a failure message may mention: never the token, never the URL's path or query. */
export function pickFailureContext(settings: ConnectionSettings): FailureContext {
  let origin: string | undefined;
  try {
    origin = new URL(settings.url).origin;
  } catch {
    origin = undefined;
  }
  const { onRateLimit, maxWaitMs, timeoutMs, minIntervalMs } = settings;
  return { onRateLimit, maxWaitMs, minIntervalMs, ...(timeoutMs === undefined ? {} : { timeoutMs }), ...(origin && origin !== 'null' ? { origin } : {}) };
}

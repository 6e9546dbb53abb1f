import type { CacheFolderSetting } from './cli-error.js';
import type { CliContext } from './cli-context.js';
import { defaultCacheDir } from './cache-dir.js';
import { API_WINDOW_MS, WINDOW_MARGIN_MS } from '@zen-leads/core/internal';
import { parseDuration } from './duration.js';
import { parseStoreSpec, type StoreSpec } from './store-spec.js';
import { choiceOption, stringOption, type OptionSpecs, type OptionValues } from './parse-command-line.js';
import { STANDARD_OPTIONS, STANDARD_OPTIONS_HELP } from './standard-options.js';
import { CliError } from './cli-error.js';
import type { FailureContext } from './describe-error.js';

/**
 * The options every command that talks to the API shares: where and who (`--url`, `--token`),
 * how to treat the rate limit, and where the guard state and cache live.
 */
export const CONNECTION_OPTIONS: OptionSpecs = {
  url: { type: 'string' },
  token: { type: 'string' },
  'allow-insecure-http': { type: 'boolean' },
  'on-rate-limit': { type: 'string' },
  'max-wait': { type: 'string' },
  'min-interval': { type: 'string' },
  timeout: { type: 'string' },
  store: { type: 'string' },
  'cache-dir': { type: 'string' },
  'no-cache': { type: 'boolean' },
  ...STANDARD_OPTIONS,
};

/** Help lines for `CONNECTION_OPTIONS`, shared by every command's `--help`. */
export const CONNECTION_OPTIONS_HELP: string = `Connection (from CRM Zen: gear icon → Integração):
  --url <url>              the integration URL (env ZEN_URL)
  --token <token>          the token (env ZEN_TOKEN; prefer the env var: a command-line
                           token lands in your shell history)
  --allow-insecure-http    allow a plain http:// URL to a host that is not this machine.
                           Risky: the token then crosses the network unencrypted, and
                           anyone on the way can read it and spend your window. Only for
                           a test server you trust; loopback (127.x, ::1, localhost)
                           needs no flag

Rate limit (the API takes one request per token every 5 minutes):
  --on-rate-limit <mode>   wait | fail — wait for the window, or exit 4 at once (default wait)
  --max-wait <duration>    longest wait before giving up with exit 4 (default 10m)
  --min-interval <dur.>    the API's window between two requests (default 5m); the guard
                           keeps 1s more, so clock and network jitter never draw a 429
  --timeout <duration>     per-request timeout (default 30s)

Store and cache (where the rate-limit window and past-day answers live):
  --store <url>            env ZEN_STORE; who shares the token's window and the cache:
                           file:<dir>   every run on this machine (default: the cache dir)
                           memory:      this run only; nothing is kept
                           redis://host:port[/db]   every machine that reaches that Redis
                           (rediss:// for TLS; a password goes in the URL — prefer ZEN_STORE)
  --cache-dir <dir>        env ZEN_CACHE_DIR; default <user cache folder>/zen-leads
  --no-cache               do not answer from or store the response cache (the rate-limit
                           guard still applies)

Durations read like 2500ms, 30s, 5m, 1h.

${STANDARD_OPTIONS_HELP}`;

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
  /** Where the guard state and the cache live: `--store`, `ZEN_STORE`, else a file store in `cacheDir`. */
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
  if (timeoutMs === 0) throw new CliError('--timeout must be more than 0, e.g. 30s.');
  if (minIntervalMs === 0) throw new CliError('--min-interval must be more than 0: the API refuses a second request within 5 minutes.');
  const onRateLimit = choiceOption(values, 'on-rate-limit', RATE_LIMIT_MODES) ?? 'wait';

  const url = stringOption(values, 'url') ?? nonEmpty(context.env.ZEN_URL);
  if (url === undefined) {
    throw new CliError(
      'no API URL. Set ZEN_URL (or pass --url) to the integration URL from CRM Zen (gear icon → Integração).',
    );
  }
  const tokenFlag = stringOption(values, 'token');
  const token = tokenFlag ?? nonEmpty(context.env.ZEN_TOKEN);
  if (token === undefined) {
    throw new CliError(
      'no token. Set ZEN_TOKEN to the token from CRM Zen (gear icon → Integração), e.g. export ZEN_TOKEN=… in your shell profile or a secret store.',
    );
  }
  if (tokenFlag !== undefined) {
    context.stderr.write(
      'zen-leads: warning: a token given with --token lands in your shell history and is visible to other users in the process list. Prefer the ZEN_TOKEN environment variable.\n',
    );
  }
  const cacheDirFlag = stringOption(values, 'cache-dir');
  const cacheDir = cacheDirFlag ?? defaultCacheDir(context.env);
  const cacheDirSetting: CacheFolderSetting = cacheDirFlag ? '--cache-dir' : nonEmpty(context.env.ZEN_CACHE_DIR) ? 'ZEN_CACHE_DIR' : 'default';
  const allowInsecureHttp = values['allow-insecure-http'] === true;
  if (allowInsecureHttp && /^http:/i.test(url.trim())) {
    context.stderr.write(
      'zen-leads: warning: --allow-insecure-http: unless the URL names this machine, the token crosses the network unencrypted, readable by anyone on the way.\n',
    );
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

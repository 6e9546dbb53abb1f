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
import type { Localized } from './messages/localized.js';

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
  title: { en: 'Connection (from CRM Zen: gear icon → Integração):', 'pt-BR': 'Conexão (no CRM Zen: ícone de engrenagem → Integração):' },
  options: {
    url: { type: 'string', value: 'url', help: { en: 'the integration URL (env ZEN_URL)', 'pt-BR': 'a URL de integração (env ZEN_URL)' } },
    token: {
      type: 'string',
      value: 'token',
      help: {
        en: 'the token (env ZEN_TOKEN; prefer the env var: a\ncommand-line token lands in your shell history)',
        'pt-BR': 'o token (env ZEN_TOKEN; prefira a variável: um token\nna linha de comando fica no histórico do shell)',
      },
    },
    'allow-insecure-http': {
      type: 'boolean',
      help: {
        en: 'allow a plain http:// URL to a host that is not this\nmachine. Risky: the\ntoken then crosses the network unencrypted, and\nanyone on the way can read it and spend your window.\nOnly for a test server you trust; loopback (127.x,\n::1, localhost) needs no flag',
        'pt-BR': 'aceita uma URL http:// simples para um host que não é\nesta máquina. Arriscado: o token atravessa a rede sem\ncriptografia, e qualquer um no caminho pode lê-lo e\ngastar a sua janela. Só para um servidor de teste de\nconfiança; loopback (127.x, ::1, localhost) dispensa\na opção',
      },
    },
  },
};

/** How to treat the token's window. */
export const RATE_LIMIT: OptionSection = {
  title: { en: 'Rate limit (the API takes one request per token every 5 minutes):', 'pt-BR': 'Limite de requisições (a API aceita uma por token a cada 5 minutos):' },
  options: {
    'on-rate-limit': {
      type: 'string',
      value: 'mode',
      help: {
        en: 'wait | fail — wait for the window, or exit 4 at once\n(default wait)',
        'pt-BR': 'wait | fail — espera a janela, ou sai na hora com\ncódigo 4 (padrão wait)',
      },
    },
    'max-wait': {
      type: 'string',
      value: 'duration',
      help: {
        en: 'longest wait before giving up with exit 4 (default\n10m)',
        'pt-BR': 'a espera mais longa antes de desistir com código 4\n(padrão 10m)',
      },
    },
    'min-interval': {
      type: 'string',
      value: 'dur.',
      help: {
        en: "the API's window between two requests (default 5m);\nthe window keeps 1s more, so clock and network jitter\nnever draw a 429",
        'pt-BR': 'a janela da API entre duas requisições (padrão 5m); a\njanela guarda 1s a mais, para que variações de\nrelógio e de rede nunca causem um 429',
      },
    },
    timeout: { type: 'string', value: 'duration', help: { en: 'per-request timeout (default 30s)', 'pt-BR': 'tempo limite de cada requisição (padrão 30s)' } },
  },
};

/** Where the window and past-day answers live. */
export const STORE: OptionSection = {
  title: { en: 'Store and cache (where the rate-limit window and past-day answers live):', 'pt-BR': 'Store e cache (onde ficam a janela do token e as respostas de dias passados):' },
  options: {
    store: {
      type: 'string',
      value: 'url',
      help: {
        en: "env ZEN_STORE; who shares the token's window and\nthe cache:\nfile:<dir>   every run on this machine (default:\n             the cache dir)\nmemory:      this run only; nothing is kept\nredis://host:port[/db]   every machine that reaches\n             that Redis (rediss:// for TLS; a\n             password goes in the URL — prefer\n             ZEN_STORE)",
        'pt-BR': 'env ZEN_STORE; quem compartilha a janela e o cache:\nfile:<dir>   toda execução nesta máquina (padrão:\n             a pasta de cache)\nmemory:      só esta execução; nada fica guardado\nredis://host:port[/db]   toda máquina que alcança\n             esse Redis (rediss:// para TLS; a senha\n             vai na URL — prefira ZEN_STORE)',
      },
    },
    'cache-dir': {
      type: 'string',
      value: 'dir',
      help: {
        en: 'env ZEN_CACHE_DIR; default\n<user cache folder>/zen-leads',
        'pt-BR': 'env ZEN_CACHE_DIR; padrão <pasta de cache do\nusuário>/zen-leads',
      },
    },
    'no-cache': {
      type: 'boolean',
      help: {
        en: 'do not answer from or store the response cache (the\ntoken\'s window still applies)',
        'pt-BR': 'não responde do cache de respostas nem grava nele (a\njanela do token continua valendo)',
      },
    },
  },
};

/**
 * The options every command that talks to the API shares: where and who (`--url`, `--token`),
 * how to treat the rate limit, and where the window and cache live; then -h and -V.
 */
export const CONNECTION_OPTIONS: readonly OptionSection[] = [CONNECTION, RATE_LIMIT, STORE, STANDARD_OPTIONS];

/** The one line on durations the shared options' help ends with. */
const DURATIONS: Localized = { en: 'Durations read like 2500ms, 30s, 5m, 1h.', 'pt-BR': 'Durações se escrevem como 2500ms, 30s, 5m, 1h.' };

/** Their help in `lang`, with the one line on durations they share. */
export function connectionOptionsHelp(lang: Lang): string {
  return `${optionsHelp([CONNECTION, RATE_LIMIT, STORE], lang)}\n\n${DURATIONS[lang]}\n\n${optionsHelp([STANDARD_OPTIONS], lang)}`;
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

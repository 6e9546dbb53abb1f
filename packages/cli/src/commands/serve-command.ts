import process from 'node:process';
import { todayInSaoPaulo } from '@zen-leads/core';
import type { Gateway } from '@zen-leads/gateway';
import type { CliContext } from '../cli-context.js';
import { dayOption } from '../days.js';
import { messagesLang, resolveConnectionSettings } from '../global-options.js';
import { cliMessages } from '../messages/index.js';
import { openStore } from '../open-store.js';
import { optionsHelp, stringOption, type OptionSection, type ParsedCommandLine } from '../parse-command-line.js';
import { redactingStream } from '../redacting-stream.js';
import { CliError } from '../cli-error.js';
import type { Lang } from '@zen-leads/history';
import type { Localized } from '../messages/localized.js';

/** The core's per-request timeout when --timeout is not given; the drain's bound is it plus 1 s (a request already upstream ends by its timeout). */
const DEFAULT_UPSTREAM_TIMEOUT_MS = 30_000;
import { clientKeysOf, clientRateOf, openServeHistory, SERVE_OPTIONS, sessionSecretsOf, todayOptionsOf, upstreamTokenOf } from './serve-settings.js';

/** `zen-leads serve --help`, in each language. */
const HELP: Localized = {
  en: `Usage: zen-leads serve [options]

Runs the gateway: this process owns the token and serves every tool of the
company within the token's window. Clients point at it instead of the API and
use a client key as their token:
  /api/totais_lead?data=DAY   the API's own contract (n8n, PHP, anything that
                              speaks the API)
  /v1/totals/DAY              the LeadTotals JSON; /v1/totals/DAY/users.csv
                              (breakdown, summary)
  /                           a live dashboard (sign in with a client key)
  /v1/totals/DAY/intraday.json  today's snapshots: per user cumulative and new
                              leads (also .csv)
  /v1/alerts.json             the alerts of --alerts, today's and yesterday's
  /healthz, /metrics          health (no key) and Prometheus metrics (Bearer
                              key)
Stops cleanly on SIGTERM or Ctrl-C: held clients are answered at once (429 +
Retry-After), requests already sent upstream finish, nothing new is sent; it
exits within --timeout + 1s. A second SIGTERM or Ctrl-C exits at once.

${optionsHelp(SERVE_OPTIONS, 'en')}

Examples:
  zen-leads serve --new-key >> keys.txt   # then keep only its sha256: line
  ZEN_GATEWAY_KEYS=… zen-leads serve --history leads.ndjson --fill-from 2026-11-01
  zen-leads serve --host 0.0.0.0 --store redis://redis:6379/0 --keys-file /run/secrets/keys
  zen-leads serve --history leads.sqlite --alerts alerts.yaml --keep-today-fresh 07:00-22:00
`,
  'pt-BR': `Uso: zen-leads serve [opções]

Roda o gateway: este processo guarda o token e atende todas as ferramentas da
empresa dentro da janela do token. Os clientes apontam para ele em vez da API e
usam uma chave de cliente como token:
  /api/totais_lead?data=DIA   o contrato da própria API (n8n, PHP, tudo o que
                              fala com a API)
  /v1/totals/DIA              o JSON LeadTotals; /v1/totals/DIA/users.csv
                              (breakdown, summary)
  /                           um dashboard ao vivo (entre com uma chave de
                              cliente)
  /v1/totals/DIA/intraday.json  os snapshots de hoje: leads acumulados e novos
                              por usuário (também .csv)
  /v1/alerts.json             os alertas de --alerts, de hoje e de ontem
  /healthz, /metrics          saúde (sem chave) e métricas Prometheus (chave
                              Bearer)
Para de forma limpa com SIGTERM ou Ctrl-C: os clientes em espera recebem
resposta na hora (429 + Retry-After), as requisições já enviadas upstream
terminam, nada novo é enviado; sai em até --timeout + 1s. Um segundo SIGTERM ou
Ctrl-C sai na hora.

${optionsHelp(SERVE_OPTIONS, 'pt-BR')}

Exemplos:
  zen-leads serve --new-key >> keys.txt   # depois, deixe só a linha sha256:
  ZEN_GATEWAY_KEYS=… zen-leads serve --history leads.ndjson --fill-from 2026-11-01
  zen-leads serve --host 0.0.0.0 --store redis://redis:6379/0 --keys-file /run/secrets/keys
  zen-leads serve --history leads.sqlite --alerts alerts.yaml --keep-today-fresh 07:00-22:00
`,
};

/** A key no one writes: reading it at start proves the store answers. */
const STARTUP_PROBE_KEY = 'zen-leads-serve-startup-probe';

/** The option table: it parses the command line and writes the help's option lines. */
export const options: readonly OptionSection[] = SERVE_OPTIONS;
export const positionals: number = 0;

export const help = (lang: Lang): string => HELP[lang];

/** `zen-leads serve`: the gateway (`@zen-leads/gateway`) on this machine's loopback by default. */
export async function run({ values }: ParsedCommandLine, context: CliContext): Promise<number> {
  const gateway = await import('@zen-leads/gateway');
  if (values['new-key'] === true) {
    const key = randomKey();
    context.stdout.write(`${key}\n${await gateway.clientKeyDigestLine(key)}\n`);
    return 0;
  }
  if (values.token !== undefined) throw new CliError((say) => say.serve.tokenFlag);
  // Every check runs before anything opens or listens: a mistake costs nothing.
  const token = await upstreamTokenOf(context.env);
  const env = { ...context.env, ZEN_TOKEN: token };
  const stderr = redactingStream(context.stderr, [token]);
  const settings = resolveConnectionSettings(values, { ...context, env, stderr });
  const say = cliMessages(messagesLang(context));
  const clientKeys = await clientKeysOf(values, context.env, stderr, say);
  const sessionSecret = await sessionSecretsOf(values);
  const fillFrom = dayOption(values, 'fill-from', context.now());
  const historyPath = stringOption(values, 'history');
  if (fillFrom !== undefined && historyPath === undefined) throw new CliError((words) => words.serve.fillFromNeedsHistory);
  if (fillFrom !== undefined && fillFrom >= gatewayToday(context)) throw new CliError((words) => words.serve.fillFromClosed(gatewayToday(context)));
  const port = portOf(stringOption(values, 'port'));
  const host = stringOption(values, 'host') ?? '127.0.0.1';
  const clientRateLimit = clientRateOf(stringOption(values, 'client-rate'));
  const corsOrigins = (values['cors-origin'] as unknown as string[] | undefined) ?? [];
  const today = await todayOptionsOf(values, gateway.loadAlertRules);

  const history = historyPath === undefined ? undefined : await openServeHistory(historyPath, token, stderr, say);
  const { store, close: closeStore } = await openStore(settings.store);
  // A store it cannot reach ends the run now (StoreUnavailableError, exit 5, in about a second:
  // the Redis client's command timeout), not at the first client's request.
  await store.get(STARTUP_PROBE_KEY).catch(async (error: unknown) => {
    await closeStore();
    await history?.close();
    throw error;
  });
  const log = (line: string): void => void stderr.write(`${new Date(context.now()).toISOString()} ${line}\n`);
  try {
    const handler = gateway.createGateway({
      url: settings.url,
      token,
      clientKeys,
      store,
      minIntervalMs: settings.minIntervalMs,
      ...(settings.allowInsecureHttp ? { allowInsecureHttp: true } : {}),
      ...(settings.timeoutMs === undefined ? {} : { timeoutMs: settings.timeoutMs }),
      ...(history ? { history } : {}), ...(fillFrom === undefined ? {} : { fillFrom }),
      ...today,
      ...(clientRateLimit ? { clientRateLimit } : {}),
      corsOrigins,
      ...(sessionSecret ? { sessionSecret } : {}),
      ...(values['trust-proxy'] === true ? { trustProxy: true } : {}),
      log,
    });
    return await listenUntilStopped(handler, { port, host, keys: clientKeys.length, drainTimeoutMs: (settings.timeoutMs ?? DEFAULT_UPSTREAM_TIMEOUT_MS) + 1_000 }, context, log);
  } finally {
    await closeStore();
    await history?.close();
  }
}

/** Serves `handler` until SIGTERM or Ctrl-C, then drains; 0 once stopped. */
async function listenUntilStopped(
  handler: Gateway,
  where: { port: number; host: string; keys: number; drainTimeoutMs: number },
  context: CliContext,
  log: (line: string) => void,
): Promise<number> {
  const { serveGateway } = await import('@zen-leads/gateway/node');
  const server = await serveGateway(handler, { port: where.port, hostname: where.host, drainTimeoutMs: where.drainTimeoutMs }).catch(async (error: unknown) => {
    await handler.close();
    throw listenError(error, where.host, where.port);
  });
  context.stdout.write(
    `zen-leads serve: listening on ${server.url} — dashboard ${server.url}/ · API ${server.url}/api/totais_lead · ${where.keys} client key${where.keys === 1 ? '' : 's'}\n`,
  );
  const stop = stopSignal(context);
  let exitNow = (): void => undefined;
  try {
    log(`${await stop.stopped}: draining (held clients are answered, requests under way finish; again to exit at once)`);
    exitNow = exitOnSecondSignal(log);
    await server.close();
  } finally {
    stop.release();
    exitNow();
  }
  log('stopped');
  return 0;
}

/**
 * During the drain, a second SIGTERM or Ctrl-C exits at once (128 + the signal's number), as an
 * operator who asks twice means it. Returns the function that removes the handlers.
 */
function exitOnSecondSignal(log: (line: string) => void): () => void {
  const exit = (signal: 'SIGTERM' | 'SIGINT') => (): void => {
    log(`${signal} again: exiting now, without waiting for the drain`);
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  const onTerm = exit('SIGTERM');
  const onInt = exit('SIGINT');
  process.on('SIGTERM', onTerm);
  process.on('SIGINT', onInt);
  return () => {
    process.off('SIGTERM', onTerm);
    process.off('SIGINT', onInt);
  };
}

/** A key of 32 random bytes, base64url: 43 characters nobody guesses. */
function randomKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes)).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

function gatewayToday(context: CliContext): string {
  return todayInSaoPaulo(context.now());
}

function portOf(text: string | undefined): number {
  if (text === undefined) return 8787;
  if (!/^\d{1,5}$/.test(text) || Number(text) > 65_535) throw new CliError((say) => say.serve.port(JSON.stringify(text)));
  return Number(text);
}

function listenError(error: unknown, host: string, port: number): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EADDRINUSE') return new CliError((say) => say.serve.portInUse(port, host));
  if (code === 'EACCES') return new CliError((say) => say.serve.portNotAllowed(port));
  if (code === 'EADDRNOTAVAIL') return new CliError((say) => say.serve.hostNotHere(host));
  return error;
}

/** Resolves on SIGTERM (a service manager, a container stop) or Ctrl-C, with the signal's name. */
function stopSignal(context: CliContext): { stopped: Promise<string>; release(): void } {
  let onTerm = (): void => undefined;
  const stopped = new Promise<string>((resolve) => {
    onTerm = () => resolve('SIGTERM');
    process.on('SIGTERM', onTerm);
    if (context.signal?.aborted) resolve('SIGINT');
    context.signal?.addEventListener('abort', () => resolve('SIGINT'));
  });
  return { stopped, release: () => process.off('SIGTERM', onTerm) };
}

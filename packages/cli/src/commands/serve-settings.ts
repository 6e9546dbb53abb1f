import { readFile } from 'node:fs/promises';
import type { AlertRules, GatewayConfigReason } from '@zen-leads/gateway';
import { isHistoryFileError, type HistoryStore } from '@zen-leads/history';
import type { OutputStream } from '../cli-context.js';
import { parseDuration } from '../duration.js';
import { CONNECTION, STORE } from '../global-options.js';
import { type OptionSection, type OptionValues, STANDARD_OPTIONS, stringOption } from '../parse-command-line.js';
import { CliError, type Wording } from '../cli-error.js';
import type { CliMessages } from '../messages/index.js';
import { historyDisplayOf, openHistoryAt } from '../history-location.js';
import { BUSINESS_HOURS, type DailyHours } from '@zen-leads/core';
import { parseHoursRange } from '../hours-range.js';
import { DEFAULT_SNAPSHOT_DAYS, snapshotDaysOf } from '../snapshot-days.js';

/**
 * `serve`'s options: its own, then the shared connection options that make sense for a
 * long-running gateway (`--token` is read only to be refused; the gateway always waits and always
 * caches, so `--on-rate-limit`, `--max-wait` and `--no-cache` are not offered).
 */
export const SERVE_OPTIONS: readonly OptionSection[] = [
  {
    options: {
      port: {
        type: 'string',
        value: 'n',
        help: {
          en: 'default 8787 (0: a free port; the address is printed\nat start)',
          'pt-BR': 'padrão 8787 (0: uma porta livre; o endereço é\nmostrado no início)',
        },
      },
      host: {
        type: 'string',
        value: 'address',
        help: {
          en: 'default 127.0.0.1, this machine only; 0.0.0.0 to\nserve the network',
          'pt-BR': 'padrão 127.0.0.1, só esta máquina; 0.0.0.0 para\nservir a rede',
        },
      },
      'keys-file': {
        type: 'string',
        value: 'path',
        help: {
          en: 'client keys, one per line (# comments allowed);\nsha256:<hex> lines keep the file free of secrets. Env\nZEN_GATEWAY_KEYS: comma-separated keys. At least one\nkey is required.',
          'pt-BR': 'chaves de cliente, uma por linha (comentários com #\nsão aceitos); linhas sha256:<hex> deixam o arquivo\nsem segredos. Env ZEN_GATEWAY_KEYS: chaves separadas\npor vírgula. Pelo menos uma chave é obrigatória.',
        },
      },
      'session-secret-file': {
        type: 'string',
        value: 'file',
        help: {
          en: 'dashboard session secrets, 32+ random characters\na line; the first signs, all verify (to rotate: new\nline first, drop the old one 12h later). Default:\ngenerated, shared by replicas through --store',
          'pt-BR': 'segredos de sessão do dashboard, 32+\ncaracteres aleatórios por linha; o primeiro assina,\ntodos verificam (para trocar: a linha nova primeiro,\ntire a antiga 12h depois). Padrão: gerado,\ncompartilhado entre as réplicas pelo --store',
        },
      },
      'trust-proxy': {
        type: 'boolean',
        help: {
          en: "take the client's address from X-Forwarded-For's last\nentry (for the wrong-key lock-out): only behind a\nproxy that every request goes through",
          'pt-BR': 'toma o endereço do cliente da última entrada do\nX-Forwarded-For (para o bloqueio por chave errada):\nsó atrás de um proxy por onde passa toda requisição',
        },
      },
      'new-key': {
        type: 'boolean',
        help: {
          en: 'print a new random client key and its sha256: line,\nthen exit',
          'pt-BR': 'mostra uma nova chave de cliente aleatória e a linha\nsha256: dela, e sai',
        },
      },
      history: {
        type: 'string',
        value: 'file',
        help: {
          en: 'keep every fetched day in a history (.ndjson, .jsonl,\n.sqlite, .db), or a postgres:// URL that every\nreplica shares',
          'pt-BR': 'guarda cada dia buscado num histórico (.ndjson,\n.jsonl, .sqlite, .db), ou numa URL postgres:// que\ntodas as réplicas compartilham',
        },
      },
      'fill-from': {
        type: 'string',
        value: 'day',
        help: {
          en: 'with --history: in idle windows, fetch the closed\ndays from this one (YYYY-MM-DD) to yesterday that the\nhistory lacks',
          'pt-BR': 'com --history: nas janelas ociosas, busca os dias\nfechados que faltam no histórico, deste (AAAA-MM-DD)\naté ontem',
        },
      },
      alerts: {
        type: 'string',
        value: 'file',
        help: {
          en: 'alert rules (.json, .yaml, .yml) checked on every\nsnapshot of today; alerts are posted to the file\'s\nwebhooks, listed at /v1/alerts.json and on the\ndashboard',
          'pt-BR': 'regras de alerta (.json, .yaml, .yml) verificadas em\ncada snapshot de hoje; os alertas são enviados aos\nwebhooks do arquivo e listados em /v1/alerts.json e\nno dashboard',
        },
      },
      'keep-today-fresh': {
        type: 'string',
        value: 'hours',
        help: {
          en: 'HH:MM-HH:MM São Paulo time (default 08:00-20:00)\nor off: refresh today in windows nobody queued for,\nso snapshots and alerts keep coming',
          'pt-BR': 'HH:MM-HH:MM, horário de São Paulo (padrão\n08:00-20:00), ou off: atualiza o dia de hoje nas\njanelas que ninguém pediu, para que snapshots e\nalertas continuem chegando',
        },
      },
      'snapshot-days': {
        type: 'string',
        value: 'n',
        help: {
          en: `with --history: keep today's snapshots this many\ndays (default ${DEFAULT_SNAPSHOT_DAYS})`,
          'pt-BR': `com --history: guarda os snapshots de hoje por n dias\n(padrão ${DEFAULT_SNAPSHOT_DAYS})`,
        },
      },
      'client-rate': {
        type: 'string',
        value: 'n/dur.',
        help: {
          en: 'requests per client key, default 600/1m; above it,\n429',
          'pt-BR': 'requisições por chave de cliente, padrão 600/1m;\nacima disso, 429',
        },
      },
      'cors-origin': {
        type: 'string',
        multiple: true,
        value: 'origin',
        help: {
          en: 'let browser pages from this origin call /api and /v1\n(repeatable); default: no CORS at all',
          'pt-BR': 'deixa páginas de navegador desta origem chamarem /api\ne /v1 (repetível); padrão: nenhum CORS',
        },
      },
      help: STANDARD_OPTIONS.options.help!,
    },
  },
  {
    title: {
      en: 'Upstream (from CRM Zen: gear icon → Integração):\n  env ZEN_URL (or --url) and ZEN_TOKEN, or ZEN_TOKEN_FILE naming a file that\n  holds the token (container secrets).',
      'pt-BR':
        'Upstream (no CRM Zen: ícone de engrenagem → Integração):\n  env ZEN_URL (ou --url) e ZEN_TOKEN, ou ZEN_TOKEN_FILE com o caminho de um\n  arquivo que guarda o token (segredos de contêiner).',
    },
    options: {
      url: CONNECTION.options.url!,
      token: {
        type: 'string',
        value: 'token',
        help: {
          en: 'refused: a command line is visible to every user of\nthe machine; the token comes from ZEN_TOKEN or\nZEN_TOKEN_FILE only',
          'pt-BR': 'recusado: uma linha de comando é visível a todo\nusuário da máquina; o token vem só de ZEN_TOKEN ou\nZEN_TOKEN_FILE',
        },
      },
      'allow-insecure-http': CONNECTION.options['allow-insecure-http']!,
      'min-interval': {
        type: 'string',
        value: 'dur.',
        help: {
          en: "the API's window (default 5m); the window keeps 1s\nmore",
          'pt-BR': 'a janela da API (padrão 5m); a janela guarda 1s a\nmais',
        },
      },
      timeout: {
        type: 'string',
        value: 'duration',
        help: {
          en: 'per upstream request (default 30s)',
          'pt-BR': 'tempo limite de cada requisição upstream (padrão 30s)',
        },
      },
      store: {
        type: 'string',
        value: 'url',
        help: {
          en: "who shares the token's window and the cache (env\nZEN_STORE): file:<dir> (default: the cache dir) for\nreplicas on this machine, redis://host:port[/db] for\nreplicas on several machines. A store it cannot reach\nat start ends serve at once (exit 5); one lost later\nis logged, and clients get 503 until it is back",
          'pt-BR': 'quem compartilha a janela do token e o cache (env\nZEN_STORE): file:<dir> (padrão: a pasta de cache)\npara réplicas nesta máquina, redis://host:port[/db]\npara réplicas em várias máquinas. Um store\ninalcançável no início encerra o serve na hora\n(código 5); um perdido depois vai para o log, e os\nclientes recebem 503 até ele voltar',
        },
      },
      'cache-dir': STORE.options['cache-dir']!,
    },
  },
];

/**
 * The upstream token from ZEN_TOKEN, or from the file ZEN_TOKEN_FILE names (Docker and
 * Kubernetes secrets), trailing newline dropped. Both set is ambiguous, so refused.
 */
export async function upstreamTokenOf(env: CliEnv): Promise<string> {
  const direct = nonEmpty(env.ZEN_TOKEN);
  const file = nonEmpty(env.ZEN_TOKEN_FILE);
  if (direct !== undefined && file !== undefined) throw new CliError((say) => say.serve.tokenTwice);
  if (file === undefined) {
    if (direct === undefined) throw new CliError((say) => say.serve.noToken);
    return direct;
  }
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new CliError((say) => say.serve.tokenFileUnreadable(JSON.stringify(file), codeOf(error)));
  }
  const token = text.replace(/\r?\n$/, '');
  if (token.trim() === '') throw new CliError((say) => say.serve.tokenFileEmpty(JSON.stringify(file)));
  return token;
}

/**
 * Client keys from `--keys-file` and ZEN_GATEWAY_KEYS together, each checked, each counted once
 * (a repeated one is named by its line or entry number on stderr); at least one. A keys file
 * that others may write is refused (POSIX), whatever its lines hold.
 */
export async function clientKeysOf(values: OptionValues, env: CliEnv, stderr: OutputStream, say: CliMessages): Promise<string[]> {
  const { clientKeyProblem, duplicateKeyLines, parseClientKeysList } = await import('@zen-leads/gateway');
  const path = stringOption(values, 'keys-file');
  const entries: { entry: string; line: number; where: Wording }[] = path === undefined ? [] : await keysFileEntries(path);
  parseClientKeysList(env.ZEN_GATEWAY_KEYS ?? '').forEach((entry, index) => {
    const problem = clientKeyProblem(entry);
    const where: Wording = (words) => words.serve.keysEntry(index + 1);
    if (problem) throw new CliError((words) => `${where(words)}: ${keyProblemText(problem, words)}`);
    entries.push({ entry, line: entries.length + 1, where });
  });
  if (entries.length === 0) throw new CliError((words) => words.serve.noKeys);
  // `line` here numbers the entries of both sources in order; `where` names them for people.
  const repeated = new Set<number>();
  for (const { line, firstLine } of duplicateKeyLines(entries)) {
    repeated.add(line);
    stderr.write(`${say.serve.keyRepeated(entries[line - 1]?.where(say) ?? '', entries[firstLine - 1]?.where(say) ?? '')}\n`);
  }
  return entries.filter(({ line }) => !repeated.has(line)).map(({ entry }) => entry);
}

async function keysFileEntries(path: string): Promise<{ entry: string; line: number; where: Wording }[]> {
  const { checkKeysFileMode, clientKeyProblem, isGatewayConfigError, parseClientKeysFile } = await import('@zen-leads/gateway');
  let text: string;
  try {
    await checkKeysFileMode(path);
    text = await readFile(path, 'utf8');
  } catch (error) {
    // The gateway's own problem and hint are quoted as it words them (English).
    if (isGatewayConfigError(error)) throw new CliError(() => `--keys-file: ${error.problem}`, { hint: () => error.hint });
    throw new CliError((say) => say.serve.keysFileUnreadable(JSON.stringify(path), codeOf(error)));
  }
  return parseClientKeysFile(text).map(({ entry, line }, index) => {
    const problem = clientKeyProblem(entry);
    const where: Wording = (say) => say.serve.keysFileLine(path, line);
    if (problem) throw new CliError((say) => `${where(say)}: ${keyProblemText(problem, say)}`);
    return { entry, line: index + 1, where };
  });
}

function keyProblemText(reason: GatewayConfigReason, say: CliMessages): string {
  return say.serve.keyProblem[reason] ?? say.serve.keyProblem['too-long'] ?? reason;
}

/** The `E…` code of a file that could not be read, for the message. */
function codeOf(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? 'error';
}

/**
 * The session secrets `--session-secret-file` holds, one per line (blank lines and `#` comments
 * skipped); the file must be writable by its owner only, like a keys file.
 */
export async function sessionSecretsOf(values: OptionValues): Promise<string[] | undefined> {
  const path = stringOption(values, 'session-secret-file');
  if (path === undefined) return undefined;
  const { SESSION_SECRET_MIN_LENGTH, checkKeysFileMode, isGatewayConfigError } = await import('@zen-leads/gateway');
  let text: string;
  try {
    await checkKeysFileMode(path, 'session secret file');
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (isGatewayConfigError(error)) throw new CliError(() => `--session-secret-file: ${error.problem}`, { hint: () => error.hint });
    throw new CliError((say) => say.serve.secretFileUnreadable(JSON.stringify(path), codeOf(error)));
  }
  const secrets = text.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '' && !line.startsWith('#'));
  const short = secrets.findIndex((secret) => secret.length < SESSION_SECRET_MIN_LENGTH);
  if (secrets.length === 0 || short >= 0) {
    throw new CliError((say) => (secrets.length === 0 ? say.serve.noSecret(path) : say.serve.shortSecret(path, short + 1, SESSION_SECRET_MIN_LENGTH)));
  }
  return secrets;
}

/** `--client-rate 600/1m` → `{ requests: 600, perMs: 60000 }`. */
export function clientRateOf(text: string | undefined): { requests: number; perMs: number } | undefined {
  if (text === undefined) return undefined;
  const match = /^(\d{1,9})\/(.+)$/.exec(text.trim());
  const requests = Number(match?.[1]);
  const perMs = match?.[2] ? parseDuration(match[2], '--client-rate') : 0;
  if (!match || requests < 1 || perMs <= 0) throw new CliError((say) => say.serve.clientRate(JSON.stringify(text)));
  return { requests, perMs };
}

/**
 * The history `--history` names (in PostgreSQL, under the upstream token's account); a file
 * problem is a usage error that says what to fix.
 */
export async function openServeHistory(path: string, token: string, stderr: OutputStream, say: CliMessages): Promise<HistoryStore> {
  try {
    const history = await openHistoryAt(path, { token });
    for (const issue of history.issues()) stderr.write(`${say.history.note('serve', historyDisplayOf(path), issue.message)}\n`);
    return history;
  } catch (error) {
    // The history's own message, quoted as it words it.
    if (isHistoryFileError(error)) throw new CliError(() => `--history: ${error.message}`);
    throw error;
  }
}

/** What `serve` does with today: its snapshots' hours and retention, and the alert rules. */
export interface TodayOptions {
  keepTodayFresh: DailyHours | false;
  snapshotRetentionDays?: number;
  alerts?: AlertRules;
}

/**
 * `--keep-today-fresh`, `--snapshot-days` and `--alerts`, checked before anything opens or listens:
 * a bad rules file exits 2 naming the file, line and field (`AlertRulesError`).
 */
export async function todayOptionsOf(values: OptionValues, loadAlertRules: (path: string) => Promise<AlertRules>): Promise<TodayOptions> {
  const fresh = stringOption(values, 'keep-today-fresh');
  const keepTodayFresh = fresh === undefined ? BUSINESS_HOURS : fresh.trim() === 'off' ? false : parseHoursRange(fresh, '--keep-today-fresh');
  const days = stringOption(values, 'snapshot-days');
  if (days !== undefined && stringOption(values, 'history') === undefined) {
    throw new CliError((say) => say.input.snapshotDaysNeedHistory);
  }
  const alertsPath = stringOption(values, 'alerts');
  return {
    keepTodayFresh,
    ...(days === undefined ? {} : { snapshotRetentionDays: snapshotDaysOf(days) }),
    ...(alertsPath === undefined ? {} : { alerts: await loadAlertRules(alertsPath) }),
  };
}

type CliEnv = Readonly<Record<string, string | undefined>>;

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

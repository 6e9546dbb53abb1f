import { BUSINESS_HOURS, todayInSaoPaulo, type DailyHours } from '@zen-leads/core';
import { HISTORY_EXTENSIONS, type HistoryStore } from '@zen-leads/history';
import type { CliContext } from '../cli-context.js';
import { CliError, ExitCode } from '../cli-error.js';
import { withFailureContext } from '../describe-error.js';
import { CONNECTION_OPTIONS, connectionOptionsHelp, messagesLang, pickFailureContext, resolveConnectionSettings, windowIntervalMs, type ConnectionSettings } from '../global-options.js';
import { historyDisplayOf, isHistoryLocation, openHistoryAt } from '../history-location.js';
import { cliMessages } from '../messages/index.js';
import { openClient } from '../open-client.js';
import { optionsHelp, stringOption, type OptionSection, type ParsedCommandLine } from '../parse-command-line.js';
import { loadWatchAlerts, type WatchAlerts } from '../watch/watch-alerts.js';
import { watchToday } from '../watch/watch-loop.js';
import { DEFAULT_SNAPSHOT_DAYS, snapshotDaysOf } from '../snapshot-days.js';
import type { Lang } from '@zen-leads/history';
import type { Localized } from '../messages/localized.js';

const WATCH: OptionSection = {
  options: {
    history: {
      type: 'string',
      value: 'file',
      help: {
        en: `keep each snapshot (today's answer and when it came)\nin a history: ${HISTORY_EXTENSIONS.join(', ')}\nor a postgres:// URL; without it, none is kept`,
        'pt-BR': `guarda cada snapshot (a resposta de hoje e a hora\nem que veio) num histórico:\n${HISTORY_EXTENSIONS.join(', ')},\nou uma URL postgres://; sem a opção, nenhum fica\nguardado`,
      },
    },
    alerts: {
      type: 'string',
      value: 'file',
      help: {
        en: 'alert rules (.json, .yaml, .yml): each alert that\nfires is shown in the line and posted to the file\'s\nwebhooks',
        'pt-BR': 'regras de alerta (.json, .yaml, .yml): cada alerta\nque dispara aparece na linha e é enviado aos webhooks\ndo arquivo',
      },
    },
    'every-window': {
      type: 'boolean',
      help: {
        en: "ask in every window, day and night (default: only\nwithin business hours, the alerts file's\nbusinessHours or 08:00-20:00 São Paulo time, leaving\nthe night's windows to other runs such as a backfill)",
        'pt-BR': 'pede em toda janela, dia e noite (padrão: só no\nhorário comercial, o businessHours do arquivo de\nalertas ou 08:00-20:00 de São Paulo, deixando as\njanelas da noite para outras execuções, como um\nbackfill)',
      },
    },
    'snapshot-days': {
      type: 'string',
      value: 'n',
      help: {
        en: `with --history: keep snapshots this many days\n(default ${DEFAULT_SNAPSHOT_DAYS})`,
        'pt-BR': `com --history: guarda os snapshots por n dias\n(padrão ${DEFAULT_SNAPSHOT_DAYS})`,
      },
    },
  },
};

/** `zen-leads watch --help`, in each language. */
const HELP: Localized = {
  en: `Usage: zen-leads watch [--history FILE] [--alerts FILE] [--every-window]
       [options]

Keeps today's snapshots from the CLI, for people without the gateway: asks for
today once per rate-limit window (in line with every other zen-leads run on the
token, through the same --store), stores each answer with its time, and prints a
line per window on stdout:

  10:35  today 132 leads (+7 new) · with error 2 (+1) · ungrouped 0 · contact limit 1 · duplicates 3

At midnight it rolls to the new day (storing the closed day's final answer in
--history). Ctrl-C or SIGTERM stops it between windows, never in the middle of a
write (exit 130 / 143).

${optionsHelp([WATCH], 'en')}

${connectionOptionsHelp('en')}

Examples:
  zen-leads watch --history leads.ndjson
  zen-leads watch --history leads.sqlite --alerts alerts.yaml --every-window
  zen-leads report --in leads.ndjson --out report.html    # with an hour-of-day view
`,
  'pt-BR': `Uso: zen-leads watch [--history ARQUIVO] [--alerts ARQUIVO] [--every-window]
       [opções]

Guarda os snapshots de hoje a partir da CLI, para quem não usa o gateway: pede o
dia de hoje uma vez por janela (na fila com todas as outras execuções do
zen-leads com o token, pelo mesmo --store), guarda cada resposta com a hora e
imprime uma linha por janela no stdout:

  10:35  hoje 132 leads (+7 novos) · com erro 2 (+1) · sem agrupamento 0 · limite de contatos 1 · duplicados 3

À meia-noite passa para o novo dia (e guarda em --history a resposta final do
dia fechado). Ctrl-C ou SIGTERM o param entre janelas, nunca no meio de uma
gravação (código 130 / 143).

${optionsHelp([WATCH], 'pt-BR')}

${connectionOptionsHelp('pt-BR')}

Exemplos:
  zen-leads watch --history leads.ndjson
  zen-leads watch --history leads.sqlite --alerts alerts.yaml --every-window
  zen-leads report --in leads.ndjson --out report.html    # com a visão por hora
`,
};

/** The option table: it parses the command line and writes the help's option lines. */
export const options: readonly OptionSection[] = [WATCH, ...CONNECTION_OPTIONS];
export const positionals: number = 0;

export const help = (lang: Lang): string => HELP[lang];

/** `zen-leads watch`: today's snapshots, a line per window, until Ctrl-C. */
export async function run({ values }: ParsedCommandLine, context: CliContext): Promise<number> {
  // Every local check runs before anything opens: a typo, a bad rules file spend no request.
  const historyPath = stringOption(values, 'history');
  if (historyPath !== undefined && !isHistoryLocation(historyPath)) {
    throw new CliError((say) => say.input.historyLocation('--history', HISTORY_EXTENSIONS.join(', '), JSON.stringify(historyPath)));
  }
  const days = stringOption(values, 'snapshot-days');
  if (days !== undefined && historyPath === undefined) throw new CliError((say) => say.input.snapshotDaysNeedHistory);
  const retentionDays = snapshotDaysOf(days);
  const settings = resolveConnectionSettings(values, context);
  const alertsPath = stringOption(values, 'alerts');
  const alerts = alertsPath === undefined ? undefined : await loadWatchAlerts(alertsPath, context);
  const hours = values['every-window'] === true ? undefined : (alerts?.businessHours ?? BUSINESS_HOURS);
  try {
    return await watchWith({ settings, historyPath, retentionDays, alerts, hours }, context);
  } finally {
    await alerts?.stop();
  }
}

interface WatchPlan {
  settings: ConnectionSettings;
  historyPath: string | undefined;
  retentionDays: number;
  alerts: WatchAlerts | undefined;
  hours: DailyHours | undefined;
}

async function watchWith(plan: WatchPlan, context: CliContext): Promise<number> {
  const say = cliMessages(messagesLang(context)).watch;
  const { client, close } = await openClient(plan.settings, context);
  try {
    const history = plan.historyPath === undefined ? undefined : await openWatchHistory(plan.historyPath, plan.settings.token);
    const where = plan.historyPath === undefined ? say.inMemory : say.inHistory(historyDisplayOf(plan.historyPath));
    try {
      const notes = cliMessages(messagesLang(context)).history;
      for (const issue of history?.issues() ?? []) context.stderr.write(`${notes.note('watch', where, issue.message)}\n`);
      const hours = plan.hours ? say.withinHours(plan.hours.from, plan.hours.to) : '';
      context.stderr.write(`${say.start(todayInSaoPaulo(context.now()), where, hours)}\n`);
      await plan.alerts?.start(history);
      const stored = await withFailureContext(pickFailureContext(plan.settings), () =>
        watchToday({
          fetch: (date, signal) => client.getTotalsResult(date, signal ? { signal } : {}),
          history,
          retentionDays: plan.retentionDays,
          alerts: plan.alerts,
          hours: plan.hours,
          windowMs: windowIntervalMs(plan.settings),
          now: context.now,
          signal: context.signal,
          line: (text) => void context.stdout.write(`${text}\n`),
          note: (text) => void context.stderr.write(`${text}\n`),
          say,
          lang: context.lang,
        }),
      );
      context.stderr.write(`${say.stopped(stored, where)}\n`);
      // Stopping is how a watch ends: Ctrl-C is 130 as for every command (the bin makes SIGTERM 143).
      return ExitCode.interrupted;
    } finally {
      await history?.close();
    }
  } finally {
    await close();
  }
}

/** A history it cannot open is worded by the error table, naming --history as the flag to change. */
function openWatchHistory(path: string, token: string): Promise<HistoryStore> {
  return withFailureContext({ historyFlag: '--history' }, () => openHistoryAt(path, { token }));
}

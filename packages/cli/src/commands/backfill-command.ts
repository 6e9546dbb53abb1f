import { addDays, todayInSaoPaulo } from '@zen-leads/core';
import { HISTORY_EXTENSIONS, RequestTimeline, backfill, type BackfillProgress, type HistoryStore } from '@zen-leads/history';
import { BackfillProgressDisplay } from '../backfill-progress-display.js';
import type { CliContext } from '../cli-context.js';
import { dayOption } from '../days.js';
import { CliError, ExitCode } from '../cli-error.js';
import { sentence, withFailureContext } from '../describe-error.js';
import { CONNECTION_OPTIONS, connectionOptionsHelp, messagesLang, windowIntervalMs, pickFailureContext, resolveConnectionSettings, type ConnectionSettings } from '../global-options.js';
import { historyDisplayOf, isHistoryLocation, openHistoryAt } from '../history-location.js';
import { createCliClient } from '../open-client.js';
import { openStore } from '../open-store.js';
import { cliMessages, type CliMessages } from '../messages/index.js';
import { optionsHelp, stringOption, type OptionSection, type ParsedCommandLine } from '../parse-command-line.js';
import { formatDuration } from '@zen-leads/core/internal';
import type { Lang } from '@zen-leads/history';
import type { Localized } from '../messages/localized.js';

const RANGE: OptionSection = {
  options: {
    from: {
      type: 'string',
      value: 'day',
      help: {
        en: 'first day, YYYY-MM-DD, "today" or "yesterday" (São\nPaulo calendar days)',
        'pt-BR': 'primeiro dia, AAAA-MM-DD, "today" ou "yesterday"\n(dias do calendário de São Paulo)',
      },
    },
    to: {
      type: 'string',
      value: 'day',
      help: {
        en: 'last day, YYYY-MM-DD or "yesterday" (default\nyesterday); closed days only: today\'s totals still\nchange',
        'pt-BR': 'último dia, AAAA-MM-DD ou "yesterday" (padrão\nyesterday); só dias fechados: os totais de hoje ainda\nmudam',
      },
    },
    out: {
      type: 'string',
      short: 'o',
      value: 'file',
      help: {
        en: `the history, by extension or URL:\n${HISTORY_EXTENSIONS.join(', ')}\n  NDJSON   one LeadTotals JSON object per line\n  SQLite   tables lead_days, user_leads,\n           breakdown_entries\n  postgres://user:password@host/db   PostgreSQL,\n           shared by many writers (the same tables\n           plus views, per account)`,
        'pt-BR': `o histórico, pela extensão ou por URL:\n${HISTORY_EXTENSIONS.join(', ')}\n  NDJSON   um objeto JSON LeadTotals por linha\n  SQLite   tabelas lead_days, user_leads,\n           breakdown_entries\n  postgres://user:password@host/db   PostgreSQL,\n           compartilhado por vários processos que\n           gravam (as mesmas tabelas, mais views, por\n           conta)`,
      },
    },
    quiet: { type: 'boolean', short: 'q', help: { en: 'no progress, only the final line and errors', 'pt-BR': 'sem progresso, só a linha final e os erros' } },
  },
};

/** `zen-leads backfill --help`, in each language. */
const HELP: Localized = {
  en: `Usage: zen-leads backfill --from DAY [--to DAY] --out FILE [options]

Fills a history file with every day from --from to --to that it does not hold
yet, one request per rate-limit window (about 5 minutes a day: a month takes
about 2.5 hours). Stop it at any moment (Ctrl-C, a kill, a reboot): every stored
day is whole, and running the same command again resumes — a day already in FILE
is never requested again, even with an empty cache.

${optionsHelp([RANGE], 'en')}

Progress goes to stderr: a live bar on a terminal (days done, next request time,
ETA), one line per day otherwise.

${connectionOptionsHelp('en')}

Examples:
  zen-leads backfill --from 2026-11-01 --out leads.ndjson
  zen-leads backfill --from 2026-01-01 --to 2026-06-30 --out leads.sqlite
  zen-leads backfill --from 2026-01-01 --out postgres://zen:PASSWORD@db.internal/leads
  zen-leads report --in leads.ndjson --out report.html
`,
  'pt-BR': `Uso: zen-leads backfill --from DIA [--to DIA] --out ARQUIVO [opções]

Preenche um histórico com cada dia de --from a --to que ele ainda não tem, uma
requisição por janela (cerca de 5 minutos por dia: um mês leva cerca de 2,5
horas). Pare quando quiser (Ctrl-C, um kill, um reboot): todo dia guardado fica
inteiro, e rodar o mesmo comando de novo continua de onde parou — um dia que já
está em ARQUIVO nunca é pedido de novo, nem com o cache vazio.

${optionsHelp([RANGE], 'pt-BR')}

O progresso vai para o stderr: num terminal, uma barra ao vivo (dias feitos,
hora da próxima requisição, previsão de término); fora dele, uma linha por dia.

${connectionOptionsHelp('pt-BR')}

Exemplos:
  zen-leads backfill --from 2026-11-01 --out leads.ndjson
  zen-leads backfill --from 2026-01-01 --to 2026-06-30 --out leads.sqlite
  zen-leads backfill --from 2026-01-01 --out postgres://zen:SENHA@db.internal/leads
  zen-leads report --in leads.ndjson --out report.html
`,
};

/** What one backfill run was asked for, checked before anything starts. */
interface BackfillPlan {
  from: string;
  to: string;
  out: string;
  /** `out` as printed: a PostgreSQL URL without its password. */
  shown: string;
  quiet: boolean;
  settings: ConnectionSettings;
}

/** The option table: it parses the command line and writes the help's option lines. */
export const options: readonly OptionSection[] = [RANGE, ...CONNECTION_OPTIONS];
export const positionals: number = 0;

export const help = (lang: Lang): string => HELP[lang];

/** `zen-leads backfill`: store every missing day of a range in a history file. */
export async function run({ values }: ParsedCommandLine, context: CliContext): Promise<number> {
  // Every local check runs before anything starts: bad input spends no request and prints no progress.
  const { from, to } = backfillRange(dayOption(values, 'from', context.now()), dayOption(values, 'to', context.now()), context.now());
  const out = stringOption(values, 'out');
  const extensions = HISTORY_EXTENSIONS.join(', ');
  if (out === undefined) throw new CliError((say) => say.input.required('--out', say.input.historyFile(extensions)));
  if (!isHistoryLocation(out)) throw new CliError((say) => say.input.historyLocation('--out', extensions, JSON.stringify(out)));
  const settings = resolveConnectionSettings(values, context);
  return runBackfill({ from, to, out, shown: historyDisplayOf(out), quiet: values.quiet === true, settings }, context);
}

async function runBackfill(plan: BackfillPlan, context: CliContext): Promise<number> {
  const { from, to, out, shown, settings } = plan;
  const windowMs = windowIntervalMs(settings);
  const messages = cliMessages(messagesLang(context));
  const say = messages.backfill;
  const display = new BackfillProgressDisplay(context.stderr, windowMs, context.now, messages);
  const timeline = new RequestTimeline(context.now);
  // The store --store names (file in the cache dir by default); a Redis connection must be closed.
  const { store, close: closeStore } = await openStore(settings.store, settings.cacheDirSetting);
  try {
    // Made before the history is touched: a bad URL or token is refused with nothing printed yet.
    const client = createCliClient(settings, store, {
      ...timeline.hooks,
      onRetry: (event) => {
        display.stop();
        context.stderr.write(`${say.retrying(event.date, sentence(event.error.problem), formatDuration(event.delayMs))}\n`);
      },
    });
    const history = await openHistoryOrExplain(out, settings.token);
    let last: BackfillProgress | undefined;
    try {
      for (const issue of history.issues()) context.stderr.write(`${messages.history.note('backfill', shown, issue.message)}\n`);
      const onProgress = (progress: BackfillProgress): void => {
        last = progress;
        if (!plan.quiet) display.update(progress);
      };
      const signal = context.signal ? { signal: context.signal } : {};
      const result = await withFailureContext(pickFailureContext(settings), () =>
        backfill({ client, history, timeline, from, to, windowMs, now: context.now, ...signal, onProgress }),
      );
      display.stop();
      const cached = result.fromCache > 0 ? say.fromCache(result.fromCache) : '';
      const elsewhere = result.storedElsewhere > 0 ? say.elsewhere(result.storedElsewhere) : '';
      context.stderr.write(`${say.done(shown, from, to, say.days(result.total), result.storedDays.length, cached, result.alreadyStored, elsewhere)}\n`);
      return ExitCode.ok;
    } catch (error) {
      display.stop();
      return reportStop(error, last, plan, context);
    } finally {
      await history.close();
    }
  } finally {
    await closeStore();
  }
}

/** After a failure mid-run: what is kept, and that running again resumes; then the error itself. */
function reportStop(error: unknown, last: BackfillProgress | undefined, plan: BackfillPlan, context: CliContext): number {
  const say = cliMessages(messagesLang(context)).backfill;
  const stored = last ? say.kept(last.done, say.days(last.total), plan.from, plan.to, plan.shown) : say.nothingStored;
  if (context.signal?.aborted) {
    context.stderr.write(`${say.interrupted(stored)}\n`);
    return ExitCode.interrupted;
  }
  if (last !== undefined) context.stderr.write(`${say.stopped(stored)}\n`);
  throw error;
}

/** A history it cannot open is worded by the error table, naming --out as the flag to change. */
function openHistoryOrExplain(path: string, token: string): Promise<HistoryStore> {
  return withFailureContext({ historyFlag: '--out' }, () => openHistoryAt(path, { token }));
}

/**
 * The days a backfill asks for, checked before anything starts (no "stopped; run again" line,
 * no request): `--from` given, both days closed (before today in São Paulo), in order.
 * `to` defaults to yesterday.
 */
export function backfillRange(from: string | undefined, to: string | undefined, now: number): { from: string; to: string } {
  if (from === undefined) throw new CliError((say) => say.input.required('--from', say.input.firstDay));
  const today = todayInSaoPaulo(now);
  const yesterday = addDays(today, -1);
  if (from >= today) throw new CliError((say) => say.input.backfillNotClosed('--from', from, whenIs(from, today, say), say.input.startBy(yesterday)));
  const last = to ?? yesterday;
  if (last >= today) throw new CliError((say) => say.input.backfillNotClosed('--to', last, whenIs(last, today, say), say.input.endBy(yesterday)));
  if (last < from) throw new CliError((say) => say.input.backfillToBeforeFrom(last, from));
  return { from, to: last };
}

function whenIs(day: string, today: string, say: CliMessages): string {
  return day === today ? say.input.isToday : say.input.isFuture(today);
}

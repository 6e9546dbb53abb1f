import { HISTORY_EXTENSIONS, copyHistory, isPostgresUrl, type HistoryStore } from '@zen-leads/history';
import type { CliContext } from '../cli-context.js';
import { CliError, ExitCode } from '../cli-error.js';
import { withFailureContext } from '../describe-error.js';
import { messagesLang } from '../global-options.js';
import { cliMessages } from '../messages/index.js';
import { historyDisplayOf, isHistoryLocation, openHistoryAt } from '../history-location.js';
import { optionsHelp, STANDARD_OPTIONS, stringOption, type OptionSection, type ParsedCommandLine } from '../parse-command-line.js';
import type { Lang } from '@zen-leads/history';
import type { Localized } from '../messages/localized.js';

const OPTIONS: readonly OptionSection[] = [
  {
    options: {
      from: {
        type: 'string',
        value: 'history',
        help: {
          en: `the history to read: a file\n(${HISTORY_EXTENSIONS.join(', ')})\nor a postgres:// URL`,
          'pt-BR': `o histórico a ler: um arquivo\n(${HISTORY_EXTENSIONS.join(', ')})\nou uma URL postgres://`,
        },
      },
      to: {
        type: 'string',
        value: 'history',
        help: {
          en: 'the history to add the days to, created when missing\n(file or postgres:// URL)',
          'pt-BR': 'o histórico que recebe os dias, criado se não existir\n(arquivo ou URL postgres://)',
        },
      },
      quiet: {
        type: 'boolean',
        short: 'q',
        help: {
          en: 'no progress, only the final line and errors',
          'pt-BR': 'sem progresso, só a linha final e os erros',
        },
      },
    },
  },
  STANDARD_OPTIONS,
];

/** `zen-leads history copy --help`, in each language. */
const HELP: Localized = {
  en: `Usage: zen-leads history copy --from HISTORY --to HISTORY [options]

Copies every day of one history into another: NDJSON, SQLite or PostgreSQL,
either way. Days the destination already holds are left as they are, so running
it again copies nothing new, and a copy stopped halfway resumes. Each day lands
whole. Sends no request to the API. Into PostgreSQL the days go under the
account of ZEN_TOKEN (a hash of it, never the token), which must be set: the
account serve and backfill use with that token. Out of PostgreSQL, ZEN_TOKEN
picks the account, else the database's only one.

${optionsHelp(OPTIONS, 'en')}

Examples:
  zen-leads history copy --from leads.sqlite --to postgres://zen:PASSWORD@db.internal/leads
  zen-leads history copy --from postgres://zen:PASSWORD@db.internal/leads --to leads.ndjson
`,
  'pt-BR': `Uso: zen-leads history copy --from HISTÓRICO --to HISTÓRICO [opções]

Copia todos os dias de um histórico para outro: NDJSON, SQLite ou PostgreSQL, em
qualquer sentido. Os dias que o destino já tem ficam como estão: rodar de novo
não copia nada novo, e uma cópia parada no meio continua de onde parou. Cada dia
chega inteiro. Não envia nenhuma requisição à API.
Para o PostgreSQL, os dias vão para a conta de ZEN_TOKEN (um hash dele, nunca o
token), que precisa estar definido: a mesma conta que serve e backfill usam com
esse token. Do PostgreSQL, ZEN_TOKEN escolhe a conta; sem ele, a única do banco.

${optionsHelp(OPTIONS, 'pt-BR')}

Exemplos:
  zen-leads history copy --from leads.sqlite --to postgres://zen:SENHA@db.internal/leads
  zen-leads history copy --from postgres://zen:SENHA@db.internal/leads --to leads.ndjson
`,
};

export const options: readonly OptionSection[] = OPTIONS;
export const positionals: number = 1;
export const help = (lang: Lang): string => HELP[lang];

/** `zen-leads history copy`: every day of one history into another, idempotent. */
export async function run({ values, positionals: [action] }: ParsedCommandLine, context: CliContext): Promise<number> {
  if (action !== 'copy') throw new CliError((say) => (action === undefined ? say.history.action : say.history.unknownAction(JSON.stringify(action))));
  const from = stringOption(values, 'from');
  const to = stringOption(values, 'to');
  const extensions = HISTORY_EXTENSIONS.join(', ');
  if (from === undefined) throw new CliError((say) => say.input.required('--from', say.input.historyAnywhere(extensions)));
  if (to === undefined) throw new CliError((say) => say.input.required('--to', say.input.historyAnywhere(extensions)));
  if (!isHistoryLocation(from)) throw new CliError((say) => say.input.historyLocationShort('--from', extensions, JSON.stringify(from)));
  if (!isHistoryLocation(to)) throw new CliError((say) => say.input.historyLocationShort('--to', extensions, JSON.stringify(to)));
  if (from === to) throw new CliError((say) => say.history.same);
  const token = context.env.ZEN_TOKEN;
  // Without it the days would land under an account no gateway or backfill of the token reads.
  if (isPostgresUrl(to) && !token) throw new CliError((say) => say.history.tokenForPostgres);
  const say = cliMessages(messagesLang(context)).history;
  const source = await withFailureContext({ historyFlag: '--in' }, () => openHistoryAt(from, { readOnly: true, token }));
  let destination: HistoryStore | undefined;
  try {
    destination = await withFailureContext({ historyFlag: '--out' }, () => openHistoryAt(to, { token }));
    for (const issue of source.issues()) context.stderr.write(`${say.note('history', historyDisplayOf(from), issue.message)}\n`);
    const quiet = values.quiet === true;
    let copied = 0;
    try {
      const result = await copyHistory(source, destination, {
        ...(context.signal ? { signal: context.signal } : {}),
        onProgress: (progress) => {
          if (progress.written) copied++;
          if (!quiet) context.stderr.write(`${say.progress(progress.day, progress.written, progress.done, progress.total)}\n`);
        },
      });
      context.stderr.write(`${say.done(historyDisplayOf(to), result.total, result.written, result.snapshots)}\n`);
      return ExitCode.ok;
    } catch (error) {
      if (!context.signal?.aborted) throw error;
      context.stderr.write(`${say.interrupted(historyDisplayOf(to), copied)}\n`);
      return ExitCode.interrupted;
    }
  } finally {
    await destination?.close();
    await source.close();
  }
}

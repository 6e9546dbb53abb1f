import { HISTORY_EXTENSIONS, copyHistory, isPostgresUrl, type CopyProgress, type HistoryStore } from '@zen-leads/history';
import { plural } from '@zen-leads/core/internal';
import type { CliContext } from '../cli-context.js';
import { CliError, ExitCode } from '../cli-error.js';
import { withFailureContext } from '../describe-error.js';
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

/** People-facing lines of this command, in one place. */
const TEXT = {
  action: (action: string | undefined) =>
    action === undefined ? 'name what to do: zen-leads history copy --from HISTORY --to HISTORY.' : `unknown action ${JSON.stringify(action)}; the one action is copy.`,
  required: (flag: string) => `${flag} is required: a history file (${HISTORY_EXTENSIONS.join(', ')}) or a postgres:// URL.`,
  notHistory: (flag: string, value: string) => `${flag} must end in ${HISTORY_EXTENSIONS.join(', ')} or be a postgres:// URL, not ${JSON.stringify(value)}.`,
  same: 'the two histories are the same; name another --to.',
  tokenForPostgres:
    "copying into PostgreSQL needs ZEN_TOKEN: the days are kept under the token's account (a hash of it, never the token), the one serve and backfill use with that token.",
  progress: (p: CopyProgress) => `zen-leads history: ${p.day} ${p.written ? 'copied' : 'already there'} (${p.done}/${p.total})\n`,
  interrupted: (to: string, written: number) => `zen-leads history: interrupted; ${plural(written, 'day')} copied to ${to}, each whole. Run the same command to resume.\n`,
  done: (to: string, total: number, written: number, snapshots: number) =>
    `zen-leads history: ${to} holds all ${plural(total, 'day')} of the source (${written} copied now, ${total - written} already there)` +
    `${snapshots > 0 ? `, and ${plural(snapshots, 'snapshot')} of today as it happened` : ''}.\n`,
};

export const options: readonly OptionSection[] = OPTIONS;
export const positionals: number = 1;
export const help = (lang: Lang): string => HELP[lang];

/** `zen-leads history copy`: every day of one history into another, idempotent. */
export async function run({ values, positionals: [action] }: ParsedCommandLine, context: CliContext): Promise<number> {
  if (action !== 'copy') throw new CliError(TEXT.action(action));
  const from = stringOption(values, 'from');
  const to = stringOption(values, 'to');
  if (from === undefined) throw new CliError(TEXT.required('--from'));
  if (to === undefined) throw new CliError(TEXT.required('--to'));
  if (!isHistoryLocation(from)) throw new CliError(TEXT.notHistory('--from', from));
  if (!isHistoryLocation(to)) throw new CliError(TEXT.notHistory('--to', to));
  if (from === to) throw new CliError(TEXT.same);
  const token = context.env.ZEN_TOKEN;
  // Without it the days would land under an account no gateway or backfill of the token reads.
  if (isPostgresUrl(to) && !token) throw new CliError(TEXT.tokenForPostgres);
  const source = await withFailureContext({ historyFlag: '--in' }, () => openHistoryAt(from, { readOnly: true, token }));
  let destination: HistoryStore | undefined;
  try {
    destination = await withFailureContext({ historyFlag: '--out' }, () => openHistoryAt(to, { token }));
    for (const issue of source.issues()) context.stderr.write(`zen-leads history: note: ${historyDisplayOf(from)}: ${issue.message}\n`);
    const quiet = values.quiet === true;
    let copied = 0;
    try {
      const result = await copyHistory(source, destination, {
        ...(context.signal ? { signal: context.signal } : {}),
        onProgress: (progress) => {
          if (progress.written) copied++;
          if (!quiet) context.stderr.write(TEXT.progress(progress));
        },
      });
      context.stderr.write(TEXT.done(historyDisplayOf(to), result.total, result.written, result.snapshots));
      return ExitCode.ok;
    } catch (error) {
      if (!context.signal?.aborted) throw error;
      context.stderr.write(TEXT.interrupted(historyDisplayOf(to), copied));
      return ExitCode.interrupted;
    }
  } finally {
    await destination?.close();
    await source.close();
  }
}

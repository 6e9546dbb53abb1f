import { rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { DEFAULT_LANG, HISTORY_EXTENSIONS, renderReport, type HistoryStore } from '@zen-leads/history';
import type { CliContext } from '../cli-context.js';
import { dayOption } from '../days.js';
import { historyDisplayOf, isHistoryLocation, openHistoryAt } from '../history-location.js';
import { CliError, isSystemError, outputError, type Wording } from '../cli-error.js';
import { withFailureContext } from '../describe-error.js';
import { messagesLang } from '../global-options.js';
import { cliMessages } from '../messages/index.js';
import { optionsHelp, stringOption, type OptionSection, STANDARD_OPTIONS, type ParsedCommandLine } from '../parse-command-line.js';
import type { Lang } from '@zen-leads/history';
import type { Localized } from '../messages/localized.js';

const OPTIONS: readonly OptionSection[] = [
  {
    options: {
      in: {
        type: 'string',
        short: 'i',
        value: 'file',
        help: {
          en: `the history\n(${HISTORY_EXTENSIONS.join(', ')}), or a\npostgres:// URL (several accounts in it: ZEN_TOKEN\npicks the token's)`,
          'pt-BR': `o histórico: ${HISTORY_EXTENSIONS.join(', ')}\nou uma URL postgres:// (com várias contas, ZEN_TOKEN\nescolhe a do token)`,
        },
      },
      out: {
        type: 'string',
        short: 'o',
        value: 'file',
        help: {
          en: 'the HTML file to write (replaced whole, never\nhalf-written);\n- writes it to stdout',
          'pt-BR': 'o arquivo HTML a gravar (substituído inteiro, nunca\npela metade); com -, vai para o stdout',
        },
      },
      from: {
        type: 'string',
        value: 'day',
        help: {
          en: 'first day shown, YYYY-MM-DD (default: the first\nstored day)',
          'pt-BR': 'primeiro dia mostrado, AAAA-MM-DD (padrão: o primeiro\ndia guardado)',
        },
      },
      to: {
        type: 'string',
        value: 'day',
        help: {
          en: 'last day shown, YYYY-MM-DD or "yesterday" (default:\nthe last stored day); days in the span that are not\nstored are marked',
          'pt-BR': 'último dia mostrado, AAAA-MM-DD ou "yesterday"\n(padrão: o último dia guardado); os dias do período\nque não estão guardados são marcados',
        },
      },
      title: {
        type: 'string',
        value: 'text',
        help: {
          en: 'the page\'s heading (default: "Distribuição de leads"\nin pt-BR, "Lead distribution" in en)',
          'pt-BR': 'o título da página (padrão: "Distribuição de leads"\nem pt-BR, "Lead distribution" em en)',
        },
      },
    },
  },
  STANDARD_OPTIONS,
];

/** `zen-leads report --help`, in each language. */
const HELP: Localized = {
  en: `Usage: zen-leads report --in FILE --out REPORT.html [--from DAY] [--to DAY]
       [options]

Writes one self-contained HTML page from a history file made by "zen-leads
backfill": leads per user per day, origin and segment mix, error counts,
distribution fairness (the top user's share, fewest/most leads, Gini), the
summary table and, for days watched through the day (zen-leads watch or serve
keep their snapshots in the history), the leads that arrived in each hour of the
day, per user. The charts are SVG drawn when the report is made: the page opens
offline, in mail, and with scripts off. Sends no request to the API.

${optionsHelp(OPTIONS, 'en')}

A span holding no stored day writes nothing and exits 2.

Example:
  zen-leads report --in leads.ndjson --out report.html --from 2026-11-01
`,
  'pt-BR': `Uso: zen-leads report --in ARQUIVO --out RELATÓRIO.html [--from DIA] [--to DIA]
       [opções]

Grava uma página HTML autocontida a partir de um histórico feito por "zen-leads
backfill": leads por usuário por dia, mistura de origens e segmentos, contagens
de erro, equilíbrio da distribuição (a parcela do usuário com mais leads, o
mínimo e o máximo de leads, Gini), a tabela de resumo e, para os dias
acompanhados ao longo do dia (zen-leads watch ou serve guardam os snapshots no
histórico), os leads que chegaram em cada hora do dia, por usuário. Os gráficos
são SVG desenhados quando o relatório é feito: a página abre offline, no e-mail
e com scripts desligados. Não envia nenhuma requisição à API.

${optionsHelp(OPTIONS, 'pt-BR')}

Um período sem nenhum dia guardado não grava nada e sai com código 2.

Exemplo:
  zen-leads report --in leads.ndjson --out report.html --from 2026-11-01
`,
};

/** A size in whole kB, rounded up: a 200-byte page reads "1 kB", never "0 kB". */
const KILOBYTES = new Intl.NumberFormat('en-US', { style: 'unit', unit: 'kilobyte' });

/** The option table: it parses the command line and writes the help's option lines. */
export const options: readonly OptionSection[] = OPTIONS;
export const positionals: number = 0;

export const help = (lang: Lang): string => HELP[lang];

/** `zen-leads report`: a history file as one self-contained HTML page. */
export async function run({ values }: ParsedCommandLine, context: CliContext): Promise<number> {
  const input = stringOption(values, 'in');
  const extensions = HISTORY_EXTENSIONS.join(', ');
  if (input === undefined) throw new CliError((say) => say.input.required('--in', say.input.historyToReport(extensions)));
  const out = stringOption(values, 'out');
  if (out === undefined) throw new CliError((say) => say.input.required('--out', say.input.htmlFile));
  const from = dayOption(values, 'from', context.now());
  const to = dayOption(values, 'to', context.now());
  if (from !== undefined && to !== undefined && to < from) throw new CliError((say) => say.input.reportToBeforeFrom(to, from));
  const title = stringOption(values, 'title');

  if (!isHistoryLocation(input)) throw new CliError((say) => say.input.historyLocation('--in', extensions, JSON.stringify(input)));
  const shown = historyDisplayOf(input);
  const history = await openReadOnly(input, context.env.ZEN_TOKEN);
  try {
    const span = { ...(from ? { from } : {}), ...(to ? { to } : {}) };
    const days = await history.read(span);
    // Days watched through the day (zen-leads watch, the gateway) gain an hour-of-day view.
    const snapshots = await history.readSnapshots(span);
    const say = cliMessages(messagesLang(context));
    for (const issue of history.issues()) context.stderr.write(`${say.history.note('report', shown, issue.message)}\n`);
    if (days.length === 0) throw new CliError(await nothingToReport(history, shown, from, to));
    // The report's readers are the CRM's Brazilian managers: pt-BR unless --lang or the locale says otherwise.
    const html = renderReport(days, { lang: context.lang ?? DEFAULT_LANG, source: history.format === 'postgres' ? shown : basename(input), ...(from ? { from } : {}), ...(to ? { to } : {}), ...(title ? { title } : {}), ...(snapshots.length > 0 ? { snapshots } : {}) });
    // "-" is stdout, as for most Unix tools: the page can be piped or mailed without a file.
    if (out === '-') context.stdout.write(html);
    else await writeWhole(out, html);
    const size = Buffer.byteLength(html);
    context.stderr.write(`${say.report.wrote(out === '-' ? say.report.toStdout : out, say.backfill.days(days.length), KILOBYTES.format(Math.ceil(size / 1024)))}\n`);
    return 0;
  } finally {
    await history.close();
  }
}

/** A history it cannot open is worded by the error table, naming --in as the flag to change. */
function openReadOnly(input: string, token: string | undefined): Promise<HistoryStore> {
  return withFailureContext({ historyFlag: '--in' }, () => openHistoryAt(input, { readOnly: true, token }));
}

/** A report of no day is not a report: say which days the history does hold. */
async function nothingToReport(history: HistoryStore, input: string, from: string | undefined, to: string | undefined): Promise<Wording> {
  const stored = [...(await history.storedDays())].sort();
  const first = stored[0];
  const last = stored.at(-1);
  if (first === undefined || last === undefined) return (say) => say.input.noDayYet(input);
  return (say) => {
    const span = from !== undefined && to !== undefined ? say.input.spanBoth(from, to) : from !== undefined ? say.input.spanFrom(from) : say.input.spanTo(to ?? '');
    return say.input.noDayIn(input, span, stored.length, first, last);
  };
}

/** Writes next to the target, then renames over it: a reader never sees half a report. */
async function writeWhole(path: string, text: string): Promise<void> {
  if ((await stat(path).catch(() => undefined))?.isDirectory()) {
    throw new CliError((say) => say.input.reportIsFolder(path), { hint: (say) => say.input.reportInFolder(join(path, 'report.html')) });
  }
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    await writeFile(temporary, text, 'utf8');
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    // Named by the path the user gave, never the temporary file's.
    if (isSystemError(error)) throw outputError({ kind: 'file', path, what: (say) => say.input.theReport, option: '--out' }, error);
    throw error;
  }
}

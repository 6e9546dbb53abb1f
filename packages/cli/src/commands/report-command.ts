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

const OPTIONS: readonly OptionSection[] = [
  {
    options: {
      in: {
        type: 'string',
        short: 'i',
        value: 'file',
        help: `the history (${HISTORY_EXTENSIONS.join(', ')}), or a postgres:// URL\n(several accounts in it: ZEN_TOKEN picks the token's)`,
      },
      out: { type: 'string', short: 'o', value: 'file', help: 'the HTML file to write (replaced whole, never half-written);\n- writes it to stdout' },
      from: { type: 'string', value: 'day', help: 'first day shown, YYYY-MM-DD (default: the first stored day)' },
      to: { type: 'string', value: 'day', help: 'last day shown, YYYY-MM-DD or "yesterday" (default: the last\nstored day); days in the span that are not stored are marked' },
      title: { type: 'string', value: 'text', help: 'the page\'s heading (default "Lead distribution")' },
    },
  },
  STANDARD_OPTIONS,
];

const HELP = `Usage: zen-leads report --in FILE --out REPORT.html [--from DAY] [--to DAY] [options]

Writes one self-contained HTML page from a history file made by "zen-leads backfill":
leads per user per day, origin and segment mix, error counts, distribution fairness (the
top user's share, fewest/most leads, Gini), the summary table and, for days watched through
the day (zen-leads watch or serve keep their snapshots in the history), the leads that arrived
in each hour of the day, per user. The charts are SVG drawn
when the report is made: the page opens offline, in mail, and with scripts off. Sends no
request to the API.

${optionsHelp(OPTIONS)}

A span holding no stored day writes nothing and exits 2.

Example:
  zen-leads report --in leads.ndjson --out report.html --from 2026-11-01
`;

/** A size in whole kB, rounded up: a 200-byte page reads "1 kB", never "0 kB". */
const KILOBYTES = new Intl.NumberFormat('en-US', { style: 'unit', unit: 'kilobyte' });

/** The option table: it parses the command line and writes the help's option lines. */
export const options: readonly OptionSection[] = OPTIONS;
export const positionals: number = 0;

export const help = (): string => HELP;

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

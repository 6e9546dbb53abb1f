import { rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { DEFAULT_LANG, HISTORY_EXTENSIONS, renderReport, type HistoryStore } from '@zen-leads/history';
import type { CliContext } from '../cli-context.js';
import { dayOption } from '../days.js';
import { historyDisplayOf, isHistoryLocation, openHistoryAt } from '../history-location.js';
import { CliError, isSystemError, outputError } from '../cli-error.js';
import { withFailureContext } from '../describe-error.js';
import { messagesLang } from '../global-options.js';
import { cliMessages } from '../messages/index.js';
import { optionsHelp, stringOption, type OptionSection, STANDARD_OPTIONS, type ParsedCommandLine } from '../parse-command-line.js';
import { plural } from '@zen-leads/core/internal';

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
  if (input === undefined) throw new CliError(`--in is required: a history file (${HISTORY_EXTENSIONS.join(', ')}) made by zen-leads backfill.`);
  const out = stringOption(values, 'out');
  if (out === undefined) throw new CliError('--out is required: the HTML file to write, e.g. --out report.html.');
  const from = dayOption(values, 'from', context.now());
  const to = dayOption(values, 'to', context.now());
  if (from !== undefined && to !== undefined && to < from) throw new CliError(`--to (${to}) is before --from (${from}).`);
  const title = stringOption(values, 'title');

  if (!isHistoryLocation(input)) {
    throw new CliError(`--in must end in ${HISTORY_EXTENSIONS.join(', ')} (NDJSON or SQLite) or be a postgres:// URL, not ${JSON.stringify(input)}.`);
  }
  const shown = historyDisplayOf(input);
  const history = await openReadOnly(input, context.env.ZEN_TOKEN);
  try {
    const span = { ...(from ? { from } : {}), ...(to ? { to } : {}) };
    const days = await history.read(span);
    // Days watched through the day (zen-leads watch, the gateway) gain an hour-of-day view.
    const snapshots = await history.readSnapshots(span);
    for (const issue of history.issues()) context.stderr.write(`zen-leads report: note: ${shown}: ${issue.message}\n`);
    if (days.length === 0) throw new CliError(await nothingToReport(history, shown, from, to));
    // The report's readers are the CRM's Brazilian managers: pt-BR unless --lang or the locale says otherwise.
    const html = renderReport(days, { lang: context.lang ?? DEFAULT_LANG, source: history.format === 'postgres' ? shown : basename(input), ...(from ? { from } : {}), ...(to ? { to } : {}), ...(title ? { title } : {}), ...(snapshots.length > 0 ? { snapshots } : {}) });
    // "-" is stdout, as for most Unix tools: the page can be piped or mailed without a file.
    if (out === '-') context.stdout.write(html);
    else await writeWhole(out, html);
    const size = Buffer.byteLength(html);
    const say = cliMessages(messagesLang(context));
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
async function nothingToReport(history: HistoryStore, input: string, from: string | undefined, to: string | undefined): Promise<string> {
  const stored = [...(await history.storedDays())].sort();
  const first = stored[0];
  const last = stored.at(-1);
  if (first === undefined || last === undefined) {
    return `${input} holds no day yet; nothing was written. Fill it first: zen-leads backfill --from <day> --out ${input}`;
  }
  const span = from !== undefined && to !== undefined ? `from ${from} to ${to}` : from !== undefined ? `from ${from} on` : `up to ${to ?? ''}`;
  return `${input} holds no day ${span}; nothing was written. It holds ${plural(stored.length, 'day')} from ${first} to ${last}: pick --from/--to within them, or store the days first with zen-leads backfill.`;
}

/** Writes next to the target, then renames over it: a reader never sees half a report. */
async function writeWhole(path: string, text: string): Promise<void> {
  if ((await stat(path).catch(() => undefined))?.isDirectory()) {
    throw new CliError(`cannot write the report to ${path}: ${path} is a folder.`, { hint: `Name a file in it, e.g. --out ${join(path, 'report.html')}.` });
  }
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    await writeFile(temporary, text, 'utf8');
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    // Named by the path the user gave, never the temporary file's.
    if (isSystemError(error)) throw outputError({ kind: 'file', path, what: 'the report', option: '--out' }, error);
    throw error;
  }
}

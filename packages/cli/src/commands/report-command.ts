import { rename, rm, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { HISTORY_EXTENSIONS, isHistoryFileError, openHistory, renderReport } from '@zen-leads/history';
import type { CliContext } from '../cli-context.js';
import type { Command } from '../command.js';
import { dayOption } from '../day-option.js';
import { parseCommandLine, stringOption } from '../parse-command-line.js';
import { historyFileMessage } from '../history-file-message.js';
import { UsageError } from '../usage-error.js';

const HELP = `Usage: zen-leads report --in FILE --out REPORT.html [--from DAY] [--to DAY] [options]

Writes one self-contained HTML page from a history file made by "zen-leads backfill":
leads per user per day, origin and segment mix, error counts, distribution fairness (the
top user's share, fewest/most leads, Gini) and the summary table. The charts are SVG drawn
when the report is made: the page opens offline, in mail, and with scripts off. Sends no
request to the API.

  --in <file>              the history (.ndjson, .jsonl, .sqlite, .db)
  --out <file>             the HTML file to write (replaced whole, never half-written)
  --from <day>             first day shown, YYYY-MM-DD (default: the first stored day)
  --to <day>               last day shown, YYYY-MM-DD or "yesterday" (default: the last
                           stored day); days in the span that are not stored are marked
  --title <text>           the page's heading (default "Lead distribution")
  -h, --help               show this help

Example:
  zen-leads report --in leads.ndjson --out report.html --from 2026-11-01
`;

/** `zen-leads report`: a history file as one self-contained HTML page. */
export const reportCommand: Command = {
  name: 'report',
  summary: 'a history file as one self-contained HTML report with SVG charts',
  help: () => HELP,
  async run(args: readonly string[], context: CliContext): Promise<number> {
    const { values } = parseCommandLine(
      'report',
      args,
      { in: { type: 'string', short: 'i' }, out: { type: 'string', short: 'o' }, from: { type: 'string' }, to: { type: 'string' }, title: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      0,
    );
    if (values.help === true) {
      context.stdout.write(HELP);
      return 0;
    }
    const input = stringOption(values, 'in');
    if (input === undefined) throw new UsageError(`--in is required: a history file (${HISTORY_EXTENSIONS.join(', ')}) made by zen-leads backfill.`);
    const out = stringOption(values, 'out');
    if (out === undefined) throw new UsageError('--out is required: the HTML file to write, e.g. --out report.html.');
    const from = dayOption(values, 'from', context.now());
    const to = dayOption(values, 'to', context.now());
    if (from !== undefined && to !== undefined && to < from) throw new UsageError(`--to (${to}) is before --from (${from}).`);
    const title = stringOption(values, 'title');

    let history;
    try {
      history = await openHistory(input, { readOnly: true });
    } catch (error) {
      if (isHistoryFileError(error)) throw new UsageError(historyFileMessage(error, '--in'));
      throw error;
    }
    try {
      const days = await history.read({ ...(from ? { from } : {}), ...(to ? { to } : {}) });
      for (const issue of history.issues()) context.stderr.write(`zen-leads report: note: ${input}: ${issue.message}\n`);
      const html = renderReport(days, { source: basename(input), ...(from ? { from } : {}), ...(to ? { to } : {}), ...(title ? { title } : {}) });
      await writeWhole(out, html);
      const size = Buffer.byteLength(html);
      context.stderr.write(`zen-leads report: wrote ${out} (${days.length} days, ${Math.ceil(size / 1024)} kB).\n`);
      return 0;
    } finally {
      await history.close();
    }
  },
};

/** Writes next to the target, then renames over it: a reader never sees half a report. */
async function writeWhole(path: string, text: string): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    await writeFile(temporary, text, 'utf8');
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

import { yesterdayInSaoPaulo } from '@zen-leads/core';
import { HISTORY_EXTENSIONS, RequestTimeline, backfill, historyFormatOf, isHistoryFileError, openHistory, type BackfillProgress } from '@zen-leads/history';
import { BackfillProgressDisplay } from '../backfill-progress-display.js';
import type { CliContext } from '../cli-context.js';
import type { Command } from '../command.js';
import { dayOption } from '../day-option.js';
import { formatDuration } from '../duration.js';
import { historyFileMessage } from '../history-file-message.js';
import { pickFailureContext, withFailureContext } from '../failure-context.js';
import { CONNECTION_OPTIONS, CONNECTION_OPTIONS_HELP, guardIntervalMs, resolveConnectionSettings } from '../global-options.js';
import { createCliClient } from '../open-client.js';
import { openStore } from '../open-store.js';
import { parseCommandLine, stringOption } from '../parse-command-line.js';
import { UsageError } from '../usage-error.js';

const INTERRUPTED = 130;

const HELP = `Usage: zen-leads backfill --from DAY [--to DAY] --out FILE [options]

Fills a history file with every day from --from to --to that it does not hold yet, one
request per rate-limit window (about 5 minutes a day: a month takes about 2.5 hours).
Stop it at any moment (Ctrl-C, a kill, a reboot): every stored day is whole, and running
the same command again resumes — a day already in FILE is never requested again, even
with an empty cache.

  --from <day>             first day, YYYY-MM-DD (São Paulo calendar days)
  --to <day>               last day, YYYY-MM-DD or "yesterday" (default yesterday);
                           closed days only: today's totals still change
  --out <file>             the history, by extension:
                             .ndjson / .jsonl   one LeadTotals JSON object per line
                             .sqlite / .db      SQLite (tables lead_days, user_leads,
                                                breakdown_entries)
  --quiet                  no progress, only the final line and errors

Progress goes to stderr: a live bar on a terminal (days done, next request time, ETA),
one line per day otherwise.

${CONNECTION_OPTIONS_HELP}

Examples:
  zen-leads backfill --from 2026-11-01 --out leads.ndjson
  zen-leads backfill --from 2026-01-01 --to 2026-06-30 --out leads.sqlite
  zen-leads report --in leads.ndjson --out report.html
`;

/** `zen-leads backfill`: store every missing day of a range in a history file. */
export const backfillCommand: Command = {
  name: 'backfill',
  summary: 'store every missing day of a range in a history file (NDJSON or SQLite), resumable',
  help: () => HELP,
  async run(args: readonly string[], context: CliContext): Promise<number> {
    const { values } = parseCommandLine(
      'backfill',
      args,
      { ...CONNECTION_OPTIONS, from: { type: 'string' }, to: { type: 'string' }, out: { type: 'string', short: 'o' }, quiet: { type: 'boolean', short: 'q' } },
      0,
    );
    if (values.help === true) {
      context.stdout.write(HELP);
      return 0;
    }
    // Every local check runs before the client exists: bad input spends no request.
    const from = dayOption(values, 'from', context.now());
    const to = dayOption(values, 'to', context.now()) ?? yesterdayInSaoPaulo(context.now());
    if (from === undefined) throw new UsageError('--from is required: the first day to store, e.g. --from 2026-11-01.');
    const out = stringOption(values, 'out');
    if (out === undefined) throw new UsageError(`--out is required: the history file (${HISTORY_EXTENSIONS.join(', ')}), e.g. --out leads.ndjson.`);
    if (historyFormatOf(out) === undefined) {
      throw new UsageError(`--out must end in ${HISTORY_EXTENSIONS.join(', ')} (NDJSON or SQLite), not ${JSON.stringify(out)}.`);
    }
    const settings = resolveConnectionSettings(values, context);
    const windowMs = guardIntervalMs(settings);

    const history = await openHistoryOrExplain(out);
    for (const issue of history.issues()) context.stderr.write(`zen-leads backfill: note: ${out}: ${issue.message}\n`);
    const display = new BackfillProgressDisplay(context.stderr, context.now);
    const timeline = new RequestTimeline(context.now);
    // The store --store names (file in the cache dir by default); a Redis connection must be closed.
    const { store, close: closeStore } = await openStore(settings.store);
    let last: BackfillProgress | undefined;
    try {
      const client = createCliClient(settings, store, {
        ...timeline.hooks,
        onRetry: (event) => {
          display.stop();
          context.stderr.write(`zen-leads backfill: ${event.date}: ${event.error.message} Retrying in ${formatDuration(event.delayMs)}.\n`);
        },
      });
      const result = await withFailureContext(pickFailureContext(settings), () =>
        backfill({
          client,
          history,
          timeline,
          from,
          to,
          windowMs,
          now: context.now,
          ...(context.signal ? { signal: context.signal } : {}),
          onProgress: (progress) => {
            last = progress;
            if (values.quiet !== true) display.update(progress);
          },
        }),
      );
      display.stop();
      const cached = result.fromCache > 0 ? `, ${result.fromCache} from the cache` : '';
      const elsewhere = result.storedElsewhere > 0 ? `, ${result.storedElsewhere} stored meanwhile by another run` : '';
      context.stderr.write(
        `zen-leads backfill: ${out} holds all ${result.total} days from ${from} to ${to} (${result.storedDays.length} stored now${cached}, ${result.alreadyStored} already there${elsewhere}).\n`,
      );
      return 0;
    } catch (error) {
      display.stop();
      const stored = last ? `${last.done} of ${last.total} days from ${from} to ${to} are in ${out}` : `nothing was stored`;
      if (context.signal?.aborted) {
        context.stderr.write(`zen-leads backfill: interrupted; ${stored}. Run the same command to resume.\n`);
        return INTERRUPTED;
      }
      context.stderr.write(`zen-leads backfill: stopped; ${stored}. Run the same command again to resume.\n`);
      throw error;
    } finally {
      await closeStore();
      await history.close();
    }
  },
};

async function openHistoryOrExplain(path: string): Promise<Awaited<ReturnType<typeof openHistory>>> {
  try {
    return await openHistory(path);
  } catch (error) {
    if (isHistoryFileError(error)) throw new UsageError(historyFileMessage(error, '--out'));
    throw error;
  }
}

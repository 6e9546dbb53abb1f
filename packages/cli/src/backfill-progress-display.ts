import { formatSaoPauloDateTime } from '@zen-leads/core';
import type { BackfillProgress } from '@zen-leads/history';
import type { OutputStream } from './cli-context.js';
import { formatDuration } from './duration.js';

const BAR_WIDTH = 24;

/**
 * Shows a backfill's progress on stderr. On a terminal: one line redrawn in place every second —
 * a bar, days done, the next request time with a countdown, and the ETA. Elsewhere (logs, CI,
 * pipes): one plain line per day stored and per wait, nothing redrawn.
 */
export class BackfillProgressDisplay {
  readonly #stream: OutputStream;
  readonly #now: () => number;
  #last: BackfillProgress | undefined;
  /** When `#last` arrived, so the countdown and ETA keep moving between events. */
  #lastAt = 0;
  #timer: ReturnType<typeof setInterval> | undefined;
  #live = false;
  /** The next request time the last plain line announced. */
  #announcedNext: number | undefined;

  constructor(stream: OutputStream, now: () => number = Date.now) {
    this.#stream = stream;
    this.#now = now;
  }

  update(progress: BackfillProgress): void {
    this.#last = progress;
    this.#lastAt = this.#now();
    if (this.#stream.isTTY) {
      this.#draw();
      this.#timer ??= setInterval(() => this.#draw(), 1_000);
      this.#timer.unref?.();
      if (progress.phase === 'done') this.stop();
      return;
    }
    // A wait already announced by the previous line ("next request at …") is not repeated.
    if (progress.phase === 'waiting' && this.#announcedNext !== undefined && Math.abs((progress.nextRequestAt ?? 0) - this.#announcedNext) < 1_000) return;
    const line = plainLine(progress);
    if (line) this.#stream.write(`${line}\n`);
    this.#announcedNext = progress.remaining > 0 ? progress.nextRequestAt : undefined;
  }

  /** Clears the live line (the run ended or failed); what follows prints on a clean line. */
  stop(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
    if (this.#live) this.#stream.write('\r\x1b[2K');
    this.#live = false;
  }

  #draw(): void {
    const progress = this.#last;
    if (!progress) return;
    const now = this.#now();
    const filled = progress.total === 0 ? BAR_WIDTH : Math.round((progress.done / progress.total) * BAR_WIDTH);
    const parts = [`[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${progress.done}/${progress.total} days`];
    if (progress.remaining > 0 && progress.nextRequestAt !== undefined) {
      const wait = Math.max(0, progress.nextRequestAt - now);
      parts.push(wait > 0 ? `next request ${clock(progress.nextRequestAt)} (in ${formatDuration(wait)})` : `fetching ${progress.date ?? ''}`.trim());
    }
    if (progress.remaining > 0 && progress.etaMs !== undefined) {
      parts.push(`ETA ${formatDuration(Math.max(0, progress.etaMs - (now - this.#lastAt)))}`);
    }
    this.#live = true;
    this.#stream.write(`\r\x1b[2K${parts.join(' · ')}`);
  }
}

/** The São Paulo wall-clock time of an instant, `HH:MM:SS`. */
function clock(instant: number): string {
  return formatSaoPauloDateTime(instant).slice(11);
}

function plainLine(progress: BackfillProgress): string | undefined {
  const counts = `${progress.done}/${progress.total} days`;
  const eta = progress.remaining > 0 && progress.etaMs !== undefined ? `, ETA ${formatDuration(progress.etaMs)}` : '';
  const next =
    progress.remaining > 0 && progress.nextRequestAt !== undefined
      ? `, next request at ${formatSaoPauloDateTime(progress.nextRequestAt)} São Paulo time`
      : '';
  switch (progress.phase) {
    case 'start':
      return `zen-leads backfill: ${progress.total} days, ${progress.alreadyStored} already stored, ${progress.remaining} to fetch${next}${eta}.`;
    case 'stored':
      return `zen-leads backfill: ${progress.date} stored${progress.fromCache ? ' from the cache' : ''} (${counts}${next}${eta}).`;
    case 'skipped':
      return `zen-leads backfill: ${progress.date} was stored meanwhile by another run; skipped (${counts}).`;
    case 'waiting':
      return `zen-leads backfill: waiting for the rate-limit window for ${progress.date}${next}.`;
    default:
      return undefined;
  }
}

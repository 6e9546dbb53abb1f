import { formatSaoPauloDateTime } from '@zen-leads/core';
import type { BackfillProgress } from '@zen-leads/history';
import type { OutputStream } from './cli-context.js';
import { LiveLine } from './live-line.js';
import { formatDuration, plural } from '@zen-leads/core/internal';

const BAR_WIDTH = 24;
/** An estimate under this is "any moment": not worth an ETA. */
const SHOWN_ETA_MIN_MS = 1_000;

/**
 * Shows a backfill's progress on stderr. On a terminal: one line redrawn in place every second —
 * a bar, days done, the next request time with a countdown, and the ETA. Elsewhere (logs, CI,
 * pipes): one plain line per day stored and per wait, nothing redrawn.
 */
export class BackfillProgressDisplay {
  readonly #stream: OutputStream;
  readonly #windowMs: number;
  readonly #now: () => number;
  readonly #line: LiveLine;
  #last: BackfillProgress | undefined;
  /** When `#last` arrived, so the countdown and ETA keep moving between events. */
  #lastAt = 0;
  #timer: ReturnType<typeof setInterval> | undefined;
  /** The next request time the last plain line announced. */
  #announcedNext: number | undefined;

  /** `windowMs`: the time between two requests (the token's window), for the plan's estimate. */
  constructor(stream: OutputStream, windowMs: number, now: () => number = Date.now) {
    this.#stream = stream;
    this.#windowMs = windowMs;
    this.#now = now;
    this.#line = new LiveLine(stream);
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
    const line = plainLine(progress, this.#windowMs);
    if (line) this.#stream.write(`${line}\n`);
    this.#announcedNext = progress.remaining > 0 && progress.phase !== 'start' ? progress.nextRequestAt : undefined;
  }

  /** Clears the live line (the run ended or failed); what follows prints on a clean line. */
  stop(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
    this.#line.clear();
  }

  #draw(): void {
    const progress = this.#last;
    if (!progress) return;
    const now = this.#now();
    const filled = progress.total === 0 ? BAR_WIDTH : Math.round((progress.done / progress.total) * BAR_WIDTH);
    const parts = [`[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${progress.done}/${plural(progress.total, 'day')}`];
    if (progress.remaining > 0 && progress.nextRequestAt !== undefined) {
      const wait = Math.max(0, progress.nextRequestAt - now);
      parts.push(wait > 0 ? `next request ${clock(progress.nextRequestAt)} (in ${formatDuration(wait)})` : `fetching ${progress.date ?? ''}`.trim());
    }
    const eta = progress.remaining > 0 && progress.etaMs !== undefined ? progress.etaMs - (now - this.#lastAt) : 0;
    if (eta >= SHOWN_ETA_MIN_MS) parts.push(`ETA ${formatDuration(eta)}`);
    this.#line.show(parts.join(' · '));
  }
}

/** The São Paulo wall-clock time of an instant, `HH:MM:SS`. */
function clock(instant: number): string {
  return formatSaoPauloDateTime(instant).slice(11);
}

function plainLine(progress: BackfillProgress, windowMs: number): string | undefined {
  const counts = `${progress.done}/${plural(progress.total, 'day')}`;
  const showEta = progress.remaining > 0 && progress.etaMs !== undefined && progress.etaMs >= SHOWN_ETA_MIN_MS;
  const eta = showEta ? `, ETA ${formatDuration(progress.etaMs ?? 0)}` : '';
  const next =
    progress.remaining > 0 && progress.nextRequestAt !== undefined
      ? `, next request at ${formatSaoPauloDateTime(progress.nextRequestAt)} São Paulo time`
      : '';
  switch (progress.phase) {
    case 'start':
      return `zen-leads backfill: ${plural(progress.total, 'day')}, ${progress.alreadyStored} already stored, ${progress.remaining} to fetch${pace(progress.remaining, windowMs)}.`;
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

/**
 * The plan's pace. No next-request time yet: the window has not been asked, and a window taken by
 * an earlier run would make any time named here too early; the first wait line names the real one.
 */
function pace(remaining: number, windowMs: number): string {
  if (remaining === 0) return '';
  const least = remaining > 1 ? `, so at least ${formatDuration((remaining - 1) * windowMs)} in all` : '';
  return `, one request per ${formatDuration(windowMs)}${least}`;
}

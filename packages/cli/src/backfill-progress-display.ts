import { formatSaoPauloDateTime } from '@zen-leads/core';
import type { BackfillProgress } from '@zen-leads/history';
import type { OutputStream } from './cli-context.js';
import { LiveLine } from './live-line.js';
import { formatDuration } from '@zen-leads/core/internal';
import { en, type CliMessages } from './messages/en.js';

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
  readonly #messages: CliMessages['backfill'];
  #last: BackfillProgress | undefined;
  /** When `#last` arrived, so the countdown and ETA keep moving between events. */
  #lastAt = 0;
  #timer: ReturnType<typeof setInterval> | undefined;
  /** The next request time the last plain line announced. */
  #announcedNext: number | undefined;

  /** `windowMs`: the time between two requests (the token's window), for the plan's estimate. */
  constructor(stream: OutputStream, windowMs: number, now: () => number = Date.now, messages: CliMessages = en) {
    this.#stream = stream;
    this.#messages = messages.backfill;
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
    const line = plainLine(progress, this.#windowMs, this.#messages);
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
    const m = this.#messages;
    const parts = [`[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${progress.done}/${m.days(progress.total)}`];
    if (progress.remaining > 0 && progress.nextRequestAt !== undefined) {
      const wait = Math.max(0, progress.nextRequestAt - now);
      parts.push(wait > 0 ? m.nextIn(clock(progress.nextRequestAt), formatDuration(wait)) : m.fetching(progress.date ?? ''));
    }
    const eta = progress.remaining > 0 && progress.etaMs !== undefined ? progress.etaMs - (now - this.#lastAt) : 0;
    if (eta >= SHOWN_ETA_MIN_MS) parts.push(m.eta(formatDuration(eta)));
    this.#line.show(parts.join(' · '));
  }
}

/** The São Paulo wall-clock time of an instant, `HH:MM:SS`. */
function clock(instant: number): string {
  return formatSaoPauloDateTime(instant).slice(11);
}

function plainLine(progress: BackfillProgress, windowMs: number, m: CliMessages['backfill']): string | undefined {
  const counts = `${progress.done}/${m.days(progress.total)}`;
  const showEta = progress.remaining > 0 && progress.etaMs !== undefined && progress.etaMs >= SHOWN_ETA_MIN_MS;
  const eta = showEta ? `, ${m.eta(formatDuration(progress.etaMs ?? 0))}` : '';
  const next = progress.remaining > 0 && progress.nextRequestAt !== undefined ? m.nextAt(formatSaoPauloDateTime(progress.nextRequestAt)) : '';
  switch (progress.phase) {
    case 'start':
      return m.start(m.days(progress.total), progress.alreadyStored, progress.remaining, pace(progress.remaining, windowMs, m));
    case 'stored':
      return m.stored(progress.date ?? '', progress.fromCache === true, `${counts}${next}${eta}`);
    case 'skipped':
      return m.skipped(progress.date ?? '', counts);
    case 'waiting':
      return m.waiting(progress.date ?? '', next);
    default:
      return undefined;
  }
}

/**
 * The plan's pace. No next-request time yet: the window has not been asked, and a window taken by
 * an earlier run would make any time named here too early; the first wait line names the real one.
 */
function pace(remaining: number, windowMs: number, m: CliMessages['backfill']): string {
  if (remaining === 0) return '';
  const least = remaining > 1 ? m.atLeast(formatDuration((remaining - 1) * windowMs)) : '';
  return m.pace(formatDuration(windowMs), least);
}

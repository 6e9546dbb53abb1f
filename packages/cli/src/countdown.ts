import { formatSaoPauloDateTime } from '@zen-leads/core';
import type { OutputStream } from './cli-context.js';
import type { WaitEvent } from '@zen-leads/core';
import { LiveLine } from './live-line.js';
import { formatDuration } from '@zen-leads/core/internal';
import { en, type CliMessages } from './messages/en.js';

/** Off a terminal, a new estimate is worth a new log line only when it moved this much. */
const NOTEWORTHY_CHANGE_MS = 1_000;

/**
 * Tells the person at the terminal why the run waits and until when: the wait the scheduler
 * expects for this run's answer, with its place in the token's queue. On a TTY one line counts
 * down in place; elsewhere (logs, CI) a line when the wait starts and whenever its estimate moves.
 */
export class WaitCountdown {
  readonly #stream: OutputStream;
  readonly #now: () => number;
  readonly #line: LiveLine;
  readonly #messages: CliMessages['wait'];
  #timer: ReturnType<typeof setInterval> | undefined;
  #event: WaitEvent | undefined;
  /** What the last plain line said, so an unchanged estimate is not repeated. */
  #logged: WaitEvent | undefined;

  constructor(stream: OutputStream, now: () => number = Date.now, messages: CliMessages = en) {
    this.#stream = stream;
    this.#now = now;
    this.#messages = messages.wait;
    this.#line = new LiveLine(stream);
  }

  /** A wait began, or its estimate changed. */
  update(event: WaitEvent): void {
    this.#event = event;
    if (!this.#stream.isTTY) {
      if (!this.#logged || isNewEstimate(this.#logged, event)) this.#stream.write(`${this.#text(event)}\n`);
      this.#logged = event;
      return;
    }
    this.#line.show(this.#text(event));
    this.#timer ??= setInterval(() => this.#tick(), 1_000);
  }

  /** The wait ended (the request goes out, or the run stops): clear the live line. */
  stop(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
    this.#event = undefined;
    this.#logged = undefined;
    this.#line.clear();
  }

  #tick(): void {
    const event = this.#event;
    if (!event || this.#now() >= event.retryAt.getTime()) return this.stop();
    this.#line.show(this.#text(event));
  }

  #text(event: WaitEvent): string {
    const left = formatDuration(Math.max(0, event.retryAt.getTime() - this.#now()));
    const m = this.#messages;
    const until = m.until(formatSaoPauloDateTime(event.retryAt));
    if (event.reason === 'in-flight') return m.inFlight(event.date ?? m.thisDay, left, until);
    const place = event.position !== undefined && event.position > 1 ? m.inLine(event.position) : '';
    return m.windowTaken(place, left, until);
  }
}

function isNewEstimate(before: WaitEvent, after: WaitEvent): boolean {
  return Math.abs(after.retryAt.getTime() - before.retryAt.getTime()) >= NOTEWORTHY_CHANGE_MS || after.position !== before.position || after.reason !== before.reason;
}

import { formatSaoPauloDateTime } from '@zen-leads/core';
import type { OutputStream } from './cli-context.js';
import { formatDuration } from './duration.js';

/**
 * Tells the person at the terminal that we are waiting for the token's window, and for how
 * long. On a TTY the line counts down in place each second; elsewhere (logs, CI) it is one line.
 */
export class WaitCountdown {
  readonly #stream: OutputStream;
  readonly #now: () => number;
  #timer: ReturnType<typeof setInterval> | undefined;
  #live = false;

  constructor(stream: OutputStream, now: () => number = Date.now) {
    this.#stream = stream;
    this.#now = now;
  }

  /** A wait of `waitMs` begins now. */
  start(waitMs: number): void {
    this.stop();
    const until = this.#now() + waitMs;
    const freesAt = `${formatSaoPauloDateTime(until)} São Paulo time`;
    const line = (): string =>
      `zen-leads: the token's rate-limit window is taken; waiting ${formatDuration(Math.max(0, until - this.#now()))} (frees at ${freesAt}). Ctrl-C to stop.`;
    if (!this.#stream.isTTY) {
      this.#stream.write(`${line()}\n`);
      return;
    }
    this.#live = true;
    this.#stream.write(`\r\x1b[2K${line()}`);
    this.#timer = setInterval(() => {
      if (this.#now() >= until) return this.stop();
      this.#stream.write(`\r\x1b[2K${line()}`);
    }, 1_000);
  }

  /** The wait ended (the request goes out, or the run stops): clear the live line. */
  stop(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
    if (this.#live) this.#stream.write('\r\x1b[2K');
    this.#live = false;
  }
}

import type { MemoEntry } from './answer-memo.js';
import type { DayWait } from './core-clients.js';

/**
 * A day some client asked for and the gateway is getting: one wait-mode core call per day per
 * process, kept going after the clients that asked have gone (so a retry finds it in the cache),
 * with the scheduler's latest estimate of when it will be here.
 */
export class QueuedDay {
  readonly date: string;
  readonly answer: Promise<MemoEntry>;
  #sent = false;
  #wait: DayWait | undefined;
  readonly #listeners = new Set<(wait: DayWait) => void>();

  constructor(date: string, start: (onWait: (wait: DayWait) => void) => Promise<MemoEntry>) {
    this.date = date;
    this.answer = start((wait) => {
      this.#wait = wait;
      for (const listener of this.#listeners) listener(wait);
    });
    // Whoever holds a client on it sees a failure; a day nobody waits for any more must not
    // become an unhandled rejection.
    this.answer.catch(() => undefined);
  }

  /** The latest wait estimate, or undefined while the request goes out at once. */
  wait(): DayWait | undefined {
    return this.#wait;
  }

  /** True once the request is on its way (the answer is a response time away, not a window). */
  inFlight(): boolean {
    return this.#sent || this.#wait?.reason === 'in-flight';
  }

  /** The request for this day has left (the core's `onRequest`). */
  markSent(): void {
    this.#sent = true;
  }

  onWait(listener: (wait: DayWait) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}

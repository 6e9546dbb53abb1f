import type { MemoEntry } from './answer-memo.js';
import type { DayWait } from './core-clients.js';

/**
 * A day some client asked for and the gateway is getting: one wait-mode core call per day per
 * process, kept going after the clients that asked have gone (so a retry finds it in the cache),
 * with the latest estimate of when it will be here. It waits in the gateway's fair queue until
 * `start` hands it to the core; until then its estimate is the gateway's own.
 */
export class QueuedDay {
  readonly date: string;
  readonly answer: Promise<MemoEntry>;
  #settle!: { resolve(entry: MemoEntry): void; reject(error: unknown): void };
  #started = false;
  #sent = false;
  #wait: DayWait | undefined;
  readonly #pendingEstimate: () => DayWait;
  readonly #listeners = new Set<(wait: DayWait) => void>();

  /** `pendingEstimate`: when the day is expected while it still waits in the gateway's queue. */
  constructor(date: string, pendingEstimate: () => DayWait) {
    this.date = date;
    this.#pendingEstimate = pendingEstimate;
    this.answer = new Promise((resolve, reject) => (this.#settle = { resolve, reject }));
    // Whoever holds a client on it sees a failure; a day nobody waits for any more must not
    // become an unhandled rejection.
    this.answer.catch(() => undefined);
  }

  /** Hands the day to the core: `run` is its call, told of every wait estimate. */
  start(run: (onWait: (wait: DayWait) => void) => Promise<MemoEntry>): void {
    if (this.#started) return;
    this.#started = true;
    this.#wait = undefined;
    run((wait) => {
      // A day that waits again (after an upstream 429, or a retry that waits for the next window)
      // is not in flight any more: its answer is a window away, not a response time.
      if (wait.reason !== 'in-flight') this.#sent = false;
      this.#tell(wait);
    }).then(this.#settle.resolve, this.#settle.reject);
  }

  /** Ends the day without an answer (shutdown, a refusal remembered): nothing is sent for it. */
  fail(error: unknown): void {
    this.#settle.reject(error);
  }

  started(): boolean {
    return this.#started;
  }

  /** The latest wait estimate, or undefined while the request goes out at once. */
  wait(): DayWait | undefined {
    return this.#started ? this.#wait : this.#pendingEstimate();
  }

  /** True once the request is on its way (the answer is a response time away, not a window). */
  inFlight(): boolean {
    return this.#started && (this.#sent || this.#wait?.reason === 'in-flight');
  }

  /** The request for this day has left (the core's `onRequest`). */
  markSent(): void {
    this.#sent = true;
  }

  /** The gateway's queue moved: tells the holders of a day still waiting in it. */
  queueMoved(): void {
    // Only holders need the new estimate; a day nobody holds is estimated when asked.
    if (!this.#started && this.#listeners.size > 0) this.#tell(this.#pendingEstimate());
  }

  onWait(listener: (wait: DayWait) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #tell(wait: DayWait): void {
    this.#wait = wait;
    for (const listener of this.#listeners) listener(wait);
  }
}

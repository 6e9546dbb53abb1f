import type { Clock } from './clock.js';

/**
 * A sleep that anyone can cut short: the store's change notices ring it, so a waiter re-checks
 * at once instead of at the end of its nap. A ring between naps is kept for the next one.
 */
export class WakeUp {
  #rung = false;
  #wake: (() => void) | undefined;

  ring(): void {
    this.#rung = true;
    this.#wake?.();
  }

  /** Sleeps up to `ms`, less if rung; rejects with the signal's reason when it aborts. */
  async nap(clock: Clock, ms: number, signal: AbortSignal | undefined): Promise<void> {
    if (this.#rung) {
      this.#rung = false;
      return;
    }
    const stop = new AbortController();
    const rung = new Promise<void>((resolve) => (this.#wake = resolve));
    const onAbort = (): void => stop.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      await Promise.race([rung, clock.sleep(ms, stop.signal).catch(() => undefined)]);
      signal?.throwIfAborted();
    } finally {
      this.#wake = undefined;
      this.#rung = false;
      stop.abort();
      signal?.removeEventListener('abort', onAbort);
    }
  }
}

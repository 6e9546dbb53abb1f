import type { ZenHooks } from '@zen-leads/core';

/**
 * What the client's window has said about timing: when the window was last claimed and
 * when a wait ends. Pass `timeline.hooks` to `createZenClient({ hooks })` (or call them from your
 * own hooks) so a backfill can show the true next request time — also one left by an earlier,
 * killed run in a shared window store.
 */
export class RequestTimeline {
  /** When the window was last claimed for a request (epoch ms). */
  lastReservedAt: number | undefined;
  /** When the current wait for the window ends (epoch ms), while waiting. */
  waitingUntil: number | undefined;
  readonly #now: () => number;
  readonly #listeners = new Set<() => void>();

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  /** Hooks for `createZenClient`; each keeps the timeline current and tells listeners. */
  readonly hooks: ZenHooks = {
    onWait: ({ retryAt }) => {
      this.waitingUntil = retryAt.getTime();
      this.#changed();
    },
    onRateLimited: ({ retryAt }) => {
      this.waitingUntil = retryAt.getTime();
      this.#changed();
    },
    onReserve: () => {
      this.lastReservedAt = this.#now();
      this.waitingUntil = undefined;
      this.#changed();
    },
  };

  /** Calls `listener` on every change; returns the function that stops it. */
  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #changed(): void {
    for (const listener of this.#listeners) listener();
  }
}

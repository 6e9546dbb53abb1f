/** How many windows a look at today keeps it refreshed for. */
export const INTEREST_WINDOWS = 3;

/**
 * When someone last looked at today (an API call, a CSV, the dashboard): the scheduler keeps
 * today fresh in idle windows only while someone looked within the last few windows.
 */
export class TodayInterest {
  readonly #windowMs: number;
  readonly #onTouch: () => void;
  #lastAt = Number.NEGATIVE_INFINITY;

  constructor(windowMs: number, onTouch: () => void) {
    this.#windowMs = windowMs;
    this.#onTouch = onTouch;
  }

  touch(now: number = Date.now()): void {
    const wasActive = this.active(now);
    this.#lastAt = now;
    if (!wasActive) this.#onTouch();
  }

  active(now: number = Date.now()): boolean {
    return now - this.#lastAt <= INTEREST_WINDOWS * this.#windowMs;
  }
}

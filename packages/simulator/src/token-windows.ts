/** When each token may be answered again: one request per token per window. */
export class TokenWindows {
  readonly #windowMs: number;
  readonly #lastSpentAt = new Map<string, number>();

  constructor(windowMs: number) {
    this.#windowMs = windowMs;
  }

  get windowMs(): number {
    return this.#windowMs;
  }

  /** The instant that spent the token's still-open window, or undefined when it is free. */
  blockingRequestAt(token: string, now: number): number | undefined {
    const last = this.#lastSpentAt.get(token);
    if (last === undefined || now >= last + this.#windowMs) return undefined;
    return last;
  }

  spend(token: string, now: number): void {
    this.#lastSpentAt.set(token, now);
  }

  reset(): void {
    this.#lastSpentAt.clear();
  }
}

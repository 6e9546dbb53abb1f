/**
 * The client requests held open for their day. On shutdown every one is let go at once (each
 * answers 429 with its day's expected time). A set of callbacks rather than listeners on one
 * AbortSignal: hundreds of held clients are normal, and signals warn past ten listeners.
 */
export class HeldClients {
  readonly #releases = new Set<() => void>();
  #releasedAll = false;

  get count(): number {
    return this.#releases.size;
  }

  /** Registers a held client; returns the function that unregisters it. */
  hold(release: () => void): () => void {
    if (this.#releasedAll) {
      release();
      return () => undefined;
    }
    this.#releases.add(release);
    return () => this.#releases.delete(release);
  }

  releaseAll(): void {
    this.#releasedAll = true;
    for (const release of [...this.#releases]) release();
    this.#releases.clear();
  }
}

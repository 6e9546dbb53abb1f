/**
 * mulberry32: a 32-bit seeded generator in a few lines. Hand-written because the harness needs
 * one reproducible stream per seed (the platform's `Math.random` cannot be seeded), and its
 * statistical quality is ample for drawing faults.
 */
export class Prng {
  #state: number;

  constructor(seed: number) {
    this.#state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  /** A whole number in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** An independent stream derived from this one (for the core's `Math.random`). */
  fork(): Prng {
    return new Prng(this.int(0, 0xffffffff));
  }
}

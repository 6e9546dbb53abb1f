import { createHash } from 'node:crypto';
import type { Clock } from '../../src/clock.js';

/** A clock that moves only when the test says so: `advance` fires due sleeps in time order. */
export class ManualClock implements Clock {
  #now: number;
  #sleepers: { at: number; resolve: () => void }[] = [];

  constructor(start: number | string = '2026-11-24T15:00:00Z') {
    this.#now = typeof start === 'number' ? start : Date.parse(start);
  }

  now(): number {
    return this.#now;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const sleeper = { at: this.#now + Math.max(0, ms), resolve };
      this.#sleepers.push(sleeper);
      signal?.addEventListener(
        'abort',
        () => {
          this.#sleepers = this.#sleepers.filter((other) => other !== sleeper);
          reject(signal.reason);
        },
        { once: true },
      );
    });
  }

  /** Pending sleeps. */
  get sleeping(): number {
    return this.#sleepers.length;
  }

  /** When the earliest pending sleep is due, if any. */
  get nextWake(): number | undefined {
    return this.#sleepers.length === 0 ? undefined : Math.min(...this.#sleepers.map((sleeper) => sleeper.at));
  }

  /** Moves time forward, waking each sleeper whose time has come and letting its work run. */
  async advance(ms: number): Promise<void> {
    const target = this.#now + ms;
    for (;;) {
      await settle();
      this.#sleepers.sort((a, b) => a.at - b.at);
      const next = this.#sleepers[0];
      if (!next || next.at > target) break;
      this.#sleepers.shift();
      this.#now = Math.max(this.#now, next.at);
      next.resolve();
    }
    this.#now = target;
    await settle();
  }
}

/**
 * Moves time in steps until `work` settles (or `maxMs` passed): for work that also waits on real
 * asynchronous I/O (WebCrypto hashing), which a single `advance` could run ahead of.
 */
export async function advanceUntil<T>(clock: ManualClock, work: Promise<T>, stepMs = 250, maxMs = 120_000): Promise<T> {
  let settled = false;
  const watched = work.finally(() => (settled = true));
  for (let elapsed = 0; !settled && elapsed < maxMs; elapsed += stepMs) {
    await new Promise((resolve) => setTimeout(resolve, 1));
    await clock.advance(stepMs);
  }
  return watched;
}

/**
 * Runs `work` to its end on the clock. While `busy()` says real work is on its way (file I/O),
 * time stands still; while anything moves (a sleep started or ended), it moves in 250 ms steps
 * with a real 1 ms turn each, as `advanceUntil`; once all is still for three turns, it jumps to
 * the next due sleep, so a 5-minute window costs a few turns instead of 1 200 steps.
 */
export async function runToEnd<T>(clock: ManualClock, work: Promise<T>, busy: () => boolean = () => false, maxMs = 3_600_000): Promise<T> {
  let settled = false;
  const watched = work.finally(() => (settled = true));
  const until = clock.now() + maxMs;
  let still = 0;
  let seen = -1;
  while (!settled && clock.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 1));
    await settle();
    if (settled) break;
    // Real work on its way (a file write) may have read the time: it stands still until that is done.
    if (busy()) {
      still = 0;
      continue;
    }
    still = clock.sleeping === seen ? still + 1 : 0;
    seen = clock.sleeping;
    const next = clock.nextWake;
    if (next === undefined) {
      if (still > 50) break;
      continue;
    }
    const due = Math.max(0, next - clock.now());
    await clock.advance(still >= 3 ? due : Math.min(250, due));
  }
  return watched;
}

/** Lets pending promise callbacks (and one macrotask) run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

/**
 * SHA-256 (the store keys) from node:crypto on the microtask queue, same bytes: WebCrypto completes
 * on a thread pool, off any virtual clock (the bad-weather simulation pins it the same way).
 * Returns the undo.
 */
export function pinHashing(): () => void {
  const subtle = globalThis.crypto.subtle as unknown as { digest: SubtleCrypto['digest'] };
  const platformDigest = subtle.digest;
  subtle.digest = async (algorithm: AlgorithmIdentifier, data: BufferSource): Promise<ArrayBuffer> => {
    const bytes = ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : new Uint8Array(data);
    const hash = createHash('sha256').update(bytes).digest();
    return hash.buffer.slice(hash.byteOffset, hash.byteOffset + hash.byteLength) as ArrayBuffer;
  };
  return () => {
    subtle.digest = platformDigest;
  };
}

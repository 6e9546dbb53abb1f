import type { Clock } from '@zen-leads/core';

interface Timer {
  at: number;
  seq: number;
  fire: () => void;
  owner: string;
  cancelled: boolean;
}

/** The earliest timer first; equal times in the order they were set, so a seed replays exactly. */
function before(a: Timer, b: Timer): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}

/**
 * Virtual time for one seed: every `sleep`, latency and fault is a timer in one priority queue
 * (a binary heap), and `run` fires them in order, letting promises settle between timers. Time
 * only moves when nothing else can happen, so a 5-minute window costs nothing to wait.
 */
export class VirtualClock {
  #now: number;
  #seq = 0;
  readonly #heap: Timer[] = [];
  readonly #byOwner = new Map<string, Set<Timer>>();
  /** clock.sleep calls per owner, for the wake-up invariant. */
  readonly sleeps: { owner: string; at: number }[] = [];

  /** Work outside the microtask queue still on its way (real WebCrypto hashing), if any. */
  readonly #busy: () => boolean;

  constructor(start: number, busy: () => boolean = () => false) {
    this.#now = start;
    this.#busy = busy;
  }

  now = (): number => this.#now;

  /** Runs `fire` at `at` (virtual); returns the cancel. */
  at(at: number, fire: () => void, owner = 'world'): () => void {
    const timer: Timer = { at: Math.max(at, this.#now), seq: this.#seq++, fire, owner, cancelled: false };
    this.#push(timer);
    let owned = this.#byOwner.get(owner);
    if (!owned) this.#byOwner.set(owner, (owned = new Set()));
    owned.add(timer);
    return () => {
      timer.cancelled = true;
      owned.delete(timer);
    };
  }

  /** A `Clock` for one client of one process: its sleeps are counted and die with the process. */
  clockFor(owner: string): Clock {
    return {
      now: this.now,
      sleep: (ms, signal) => {
        this.sleeps.push({ owner, at: this.#now });
        return new Promise<void>((resolve, reject) => {
          if (signal?.aborted) return reject(signal.reason);
          const onAbort = (): void => {
            cancel();
            reject(signal?.reason);
          };
          const cancel = this.at(this.#now + Math.max(0, ms), () => {
            signal?.removeEventListener('abort', onAbort);
            resolve();
          }, owner);
          signal?.addEventListener('abort', onAbort, { once: true });
        });
      },
    };
  }

  /** A killed process's timers never fire. */
  cancelOwnedBy(prefix: string): void {
    for (const [owner, timers] of this.#byOwner) {
      if (!owner.startsWith(prefix)) continue;
      for (const timer of timers) timer.cancelled = true;
      timers.clear();
    }
  }

  /** Fires timers in order until none is left or `until` passes; true when the queue drained. */
  async run(until: number): Promise<boolean> {
    for (;;) {
      await settle();
      while (this.#busy()) await settle();
      let timer = this.#pop();
      if (!timer) {
        // Quiet for one turn: make sure nothing outside the microtask queue was still on its way.
        for (let turn = 0; turn < 3 && !timer; turn++) {
          await settle();
          timer = this.#pop();
        }
        if (!timer) return true;
      }
      if (timer.at > until) return false;
      this.#now = timer.at;
      this.#byOwner.get(timer.owner)?.delete(timer);
      timer.fire();
    }
  }

  #push(timer: Timer): void {
    const heap = this.#heap;
    heap.push(timer);
    for (let i = heap.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i] as Timer, heap[parent] as Timer)) break;
      [heap[i], heap[parent]] = [heap[parent] as Timer, heap[i] as Timer];
      i = parent;
    }
  }

  #pop(): Timer | undefined {
    const heap = this.#heap;
    while (heap.length > 0) {
      const top = heap[0] as Timer;
      const last = heap.pop() as Timer;
      if (heap.length > 0) {
        heap[0] = last;
        for (let i = 0; ; ) {
          const left = 2 * i + 1;
          const right = left + 1;
          let least = i;
          if (left < heap.length && before(heap[left] as Timer, heap[least] as Timer)) least = left;
          if (right < heap.length && before(heap[right] as Timer, heap[least] as Timer)) least = right;
          if (least === i) break;
          [heap[i], heap[least]] = [heap[least] as Timer, heap[i] as Timer];
          i = least;
        }
      }
      if (!top.cancelled) return top;
    }
    return undefined;
  }
}

/**
 * Lets every pending promise callback run. The whole seed lives on microtasks (the store is in
 * memory, hashing is made synchronous by `deterministic-runtime.ts`), and a macrotask turn comes
 * only once the microtask queue is empty, so one `setImmediate` turn is quiescence; `run` adds
 * three more quiet turns before it calls the world idle (the core's manual clock's `settle` idea).
 */
export async function settle(): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
}

import type { Clock, WaitEvent } from '@zen-leads/core';
import type { MemoEntry } from './answer-memo.js';
import { FairDayQueue } from './fair-day-queue.js';
import type { QueueLimits, QueueRefusal } from './upstream.js';

/** Days handed to the core at once by this process: the rest wait in the fair queue here. */
const DAYS_IN_CORE = 1;

/** A day clients asked for, with what it takes to cancel it and whose quota it counts against. */
export interface QueueEntry {
  day: QueuedDay;
  controller: AbortController;
  keys: Set<string>;
}

export interface ClientDayQueueOptions {
  clock: Clock;
  windowMs: number;
  limits: QueueLimits;
  /** The gateway's estimate of when the token's window frees (from the last request or wait). */
  nextWindowAt(): Date | undefined;
  expectedLatencyMs(): number;
  /** The core call for a day: its answer, told of each wait estimate. */
  fetch(entry: QueueEntry, onWait: (wait: WaitEvent) => void): Promise<MemoEntry>;
}

/**
 * The days this process's clients asked for and have no answer yet: each waits its turn here
 * (round-robin between client keys, within each key's and the total cap), then goes to the core,
 * `DAYS_IN_CORE` at a time. The core's queue is first come first served; keeping it short keeps
 * one key's flood from standing in front of every other key's day.
 *
 * One flight per day, but not the core's `SingleFlight`: that one shares a call that has started,
 * while a day here must wait, be counted against each asking key and give estimates before it starts.
 */
export class ClientDayQueue {
  readonly #entries = new Map<string, QueueEntry>();
  readonly #fair = new FairDayQueue();
  readonly #perKey = new Map<string, number>();
  readonly #drained: (() => void)[] = [];
  readonly #options: ClientDayQueueOptions;
  #inCore = 0;

  constructor(options: ClientDayQueueOptions) {
    this.#options = options;
  }

  get size(): number {
    return this.#entries.size;
  }

  get(date: string): QueueEntry | undefined {
    return this.#entries.get(date);
  }

  dates(): string[] {
    return [...this.#entries.keys()];
  }

  entries(): IterableIterator<QueueEntry> {
    return this.#entries.values();
  }

  /** Queues `date` for `key` (or joins it), or says why not; `ride` is a fetch already under way. */
  add(date: string, key: string, ride?: Promise<MemoEntry>): QueuedDay | QueueRefusal {
    const { limits, clock, windowMs } = this.#options;
    const existing = this.#entries.get(date);
    if (existing && (existing.day.started() || existing.keys.has(key))) return existing.day;
    if ((this.#perKey.get(key) ?? 0) >= limits.perKey) return { refused: 'key-full', limit: limits.perKey, retryAt: this.#keyFreesAt(key) };
    if (!existing && this.#entries.size >= limits.total) {
      return { refused: 'full', limit: limits.total, retryAt: new Date(this.#nextFreeWindowAt(clock.now()) + windowMs) };
    }
    const entry = existing ?? this.#entry(date);
    entry.keys.add(key);
    this.#perKey.set(key, (this.#perKey.get(key) ?? 0) + 1);
    if (ride && !existing) {
      this.#start(entry, ride);
      entry.day.markSent();
    } else {
      this.#fair.add(key, date);
      this.#pump();
    }
    return entry.day;
  }

  /** Ends every day still waiting here (never handed to the core) with `error`. */
  failWaiting(error: unknown): void {
    for (const date of this.#fair.clear()) {
      const entry = this.#entries.get(date);
      if (!entry || entry.day.started()) continue;
      entry.day.fail(error);
      this.#finished(entry);
    }
  }

  /** Resolves once no day is queued (at once when none is). */
  drained(): Promise<void> {
    if (this.#entries.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.#drained.push(resolve));
  }

  #entry(date: string): QueueEntry {
    const entry: QueueEntry = { day: new QueuedDay(date, () => this.#pendingWait(date)), controller: new AbortController(), keys: new Set() };
    this.#entries.set(date, entry);
    return entry;
  }

  /** Hands days to the core, round-robin between keys, while fewer than `DAYS_IN_CORE` are there. */
  #pump(): void {
    while (this.#inCore < DAYS_IN_CORE) {
      const date = this.#fair.take();
      if (date === undefined) break;
      const entry = this.#entries.get(date);
      if (entry) this.#start(entry, undefined);
    }
    this.#queueMoved();
  }

  #queueMoved(): void {
    for (const { day } of this.#entries.values()) day.queueMoved();
  }

  #start(entry: QueueEntry, ride: Promise<MemoEntry> | undefined): void {
    this.#inCore++;
    entry.day.start(async (onWait) => {
      try {
        const ridden = ride ? await ride.catch(() => undefined) : undefined;
        // The estimates of the days waiting here follow the one in the core's.
        return ridden ?? (await this.#options.fetch(entry, (wait) => (onWait(wait), this.#queueMoved())));
      } finally {
        this.#inCore--;
        this.#finished(entry);
        this.#pump();
      }
    });
  }

  #finished(entry: QueueEntry): void {
    this.#entries.delete(entry.day.date);
    for (const key of entry.keys) {
      const count = (this.#perKey.get(key) ?? 1) - 1;
      if (count > 0) this.#perKey.set(key, count);
      else this.#perKey.delete(key);
    }
    if (this.#entries.size === 0) for (const resolve of this.#drained.splice(0)) resolve();
  }

  /** When a day waiting in the fair queue is expected to get its window. */
  #pendingWait(date: string): WaitEvent {
    const now = this.#options.clock.now();
    const ahead = Math.max(0, this.#fair.position(date));
    const retryAt = this.#nextFreeWindowAt(now) + ahead * this.#options.windowMs;
    return { date, reason: 'queue', position: ahead + 1 + this.#inCore, waitMs: retryAt - now, retryAt: new Date(retryAt) };
  }

  /** The first window that no day handed to the core has taken. */
  #nextFreeWindowAt(now: number): number {
    let at = Math.max(now, this.#options.nextWindowAt()?.getTime() ?? now);
    for (const { day } of this.#entries.values()) {
      if (!day.started() || day.inFlight()) continue;
      at = Math.max(at, (day.wait()?.retryAt.getTime() ?? now) + this.#options.windowMs);
    }
    return at;
  }

  /** When `key`'s earliest waiting day is expected: a place in its quota frees then. */
  #keyFreesAt(key: string): Date {
    const now = this.#options.clock.now();
    const first = this.#fair.daysOf(key)[0];
    const waiting = first === undefined ? undefined : this.#entries.get(first)?.day.wait()?.retryAt.getTime();
    return new Date((waiting ?? this.#nextFreeWindowAt(now)) + this.#options.expectedLatencyMs());
  }
}

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
  #wait: WaitEvent | undefined;
  readonly #pendingEstimate: () => WaitEvent;
  readonly #listeners = new Set<(wait: WaitEvent) => void>();

  /** `pendingEstimate`: when the day is expected while it still waits in the gateway's queue. */
  constructor(date: string, pendingEstimate: () => WaitEvent) {
    this.date = date;
    this.#pendingEstimate = pendingEstimate;
    this.answer = new Promise((resolve, reject) => (this.#settle = { resolve, reject }));
    // Whoever holds a client on it sees a failure; a day nobody waits for any more must not
    // become an unhandled rejection.
    this.answer.catch(() => undefined);
  }

  /** Hands the day to the core: `run` is its call, told of every wait estimate. */
  start(run: (onWait: (wait: WaitEvent) => void) => Promise<MemoEntry>): void {
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
  wait(): WaitEvent | undefined {
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

  onWait(listener: (wait: WaitEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #tell(wait: WaitEvent): void {
    this.#wait = wait;
    for (const listener of this.#listeners) listener(wait);
  }
}

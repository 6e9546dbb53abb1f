import { MemoryStore, type WindowStore, type EnqueueOptions, type QueueTicket, type Reservation, type ResponseCache, type WindowClaim } from '@zen-leads/core';
import type { VirtualClock } from './virtual-clock.js';

/** The error of a store that cannot be reached (as a Redis client's would be). */
export class StoreOutageError extends Error {
  override name = 'StoreOutageError';
}

/** A store operation, for the fail-closed check and the release check. */
export interface StoreWorld {
  clock: VirtualClock;
  /** Periods [from, to) in which every store operation rejects. */
  outages: readonly (readonly [number, number])[];
  /** A day's answer was cached at this instant. */
  onCached(date: string, at: number): void;
}

type Shared = WindowStore & ResponseCache & Required<Pick<WindowStore, 'watch' | 'notify'>>;

/**
 * The one store every process shares (it models a file or Redis store): the real `MemoryStore`
 * on the virtual clock, whose operations reject during an outage.
 */
export function sharedStore(world: StoreWorld): Shared {
  const inner = new MemoryStore({ now: world.clock.now, maxCacheEntries: 10_000 });
  const down = (): boolean => {
    const now = world.clock.now();
    return world.outages.some(([from, to]) => now >= from && now < to);
  };
  const unlessDown = <T>(operation: () => Promise<T>): Promise<T> => (down() ? Promise.reject(new StoreOutageError('The store cannot be reached (simulated outage).')) : operation());
  return {
    reserve: (key: string, claim: WindowClaim): Promise<Reservation> => unlessDown(() => inner.reserve(key, claim)),
    enqueue: (key: string, ticket: QueueTicket, options: EnqueueOptions) => unlessDown(() => inner.enqueue(key, ticket, options)),
    dequeue: (key: string, id: string) => unlessDown(() => inner.dequeue(key, id)),
    hold: (key: string, ms: number, options: { replace: boolean }) => unlessDown(() => inner.hold(key, ms, options)),
    release: (key: string, holder: string) => unlessDown(() => inner.release(key, holder)),
    watch: (key: string, listener: () => void) => inner.watch(key, listener),
    notify: (key: string) => unlessDown(() => inner.notify(key)),
    get: (key: string) => unlessDown(() => inner.get(key)),
    set: (key: string, value: string, ttlMs: number) =>
      unlessDown(async () => {
        await inner.set(key, value, ttlMs);
        const date = dateOf(value);
        if (date !== undefined) world.onCached(date, world.clock.now());
      }),
  };
}

/** The day of a cached answer (`{ fetchedAt, body }` with the API's body), read without the core's key scheme. */
function dateOf(value: string): string | undefined {
  try {
    const entry = JSON.parse(value) as { body?: string };
    const body = JSON.parse(entry.body ?? '') as { data?: unknown };
    return typeof body.data === 'string' ? body.data : undefined;
  } catch {
    return undefined;
  }
}

/** One process's handle on the shared store: once the process is killed, nothing it asks ever completes. */
export function processStore(shared: Shared, process: { alive: boolean }): Shared {
  const never = new Promise<never>(() => undefined);
  const live = <A extends unknown[], T>(operation: (...args: A) => Promise<T>) => (...args: A): Promise<T> => (process.alive ? operation(...args) : never);
  return {
    reserve: live(shared.reserve),
    enqueue: live(shared.enqueue),
    dequeue: live(shared.dequeue),
    hold: live(shared.hold),
    release: live(shared.release),
    notify: live(shared.notify),
    get: live(shared.get),
    set: live(shared.set),
    watch: (key, listener) => shared.watch(key, () => {
      if (process.alive) listener();
    }),
  };
}

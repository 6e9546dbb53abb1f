import { abortable } from './abortable.js';

/** One shared piece of work and the callers waiting on it. */
interface Flight<V, E> {
  promise: Promise<V>;
  /** Present when every caller brought a signal: then the work stops once all have given up. */
  controller: AbortController | undefined;
  callers: number;
  listeners: Set<(event: E) => void>;
  lastEvent: E | undefined;
}

/**
 * Concurrent calls for one key share one run of the work, and each sees the progress events it
 * reports (the latest replayed to a late joiner). The work is cancelled only when every caller
 * sharing it has given up; a caller without a signal never gives up.
 */
export class SingleFlight<K, V, E> {
  readonly #flights = new Map<K, Flight<V, E>>();

  run(key: K, work: (signal: AbortSignal | undefined, report: (event: E) => void) => Promise<V>, caller: { signal?: AbortSignal; onEvent?: (event: E) => void } = {}): Promise<V> {
    const { signal, onEvent } = caller;
    signal?.throwIfAborted();
    let flight = this.#flights.get(key);
    if (!flight) {
      const started: Flight<V, E> = { promise: undefined as never, controller: signal ? new AbortController() : undefined, callers: 0, listeners: new Set(), lastEvent: undefined };
      const report = (event: E): void => {
        started.lastEvent = event;
        for (const listener of [...started.listeners]) listener(event);
      };
      started.promise = work(started.controller?.signal, report).finally(() => {
        if (this.#flights.get(key) === started) this.#flights.delete(key);
      });
      this.#flights.set(key, started);
      flight = started;
    } else if (!signal && flight.controller) {
      // A caller who cannot cancel joins: the work must now finish whatever the others do.
      flight.controller = undefined;
    }
    const joined = flight;
    joined.callers++;
    if (onEvent) {
      joined.listeners.add(onEvent);
      if (joined.lastEvent !== undefined) onEvent(joined.lastEvent);
    }
    const leave = (): void => {
      if (onEvent) joined.listeners.delete(onEvent);
    };
    if (!signal) return joined.promise.finally(leave);
    return abortable(joined.promise, signal, () => {
      leave();
      if (--joined.callers === 0 && joined.controller) {
        this.#flights.delete(key);
        joined.controller.abort(signal.reason);
      }
    }).finally(leave);
  }
}

import { ZenNetworkError, type TransportResponse, type ZenTransport } from '@zen-leads/core';
import type { Prng } from './prng.js';
import type { SimulatedApi } from './simulated-api.js';
import type { VirtualClock } from './virtual-clock.js';

/** Network faults, drawn per seed. */
export interface NetworkFaults {
  /** Chance that the API takes longer than the client's timeout to answer. */
  slowRate: number;
  /** Chance that the connection is reset after the API counted the request. */
  resetRate: number;
  /** Periods [from, to) in which the API is unreachable: nothing leaves, nothing is counted. */
  unreachable: readonly (readonly [number, number])[];
}

/** What the transport tells the world. */
export interface TransportWorld {
  clock: VirtualClock;
  api: SimulatedApi;
  random: Prng;
  faults: NetworkFaults;
  trace(line: string): void;
  /** The flight (one day's shared fetch) a request belongs to: its signal is the flight's own. */
  flightOf(signal: AbortSignal | undefined): number;
  /** Called as a request leaves our process, for the fail-closed check. */
  onSend(process: string, flight: number): void;
}

/**
 * A `ZenTransport` on the virtual clock: the request reaches the API after an uplink jitter under
 * 1 s, the answer comes back after the API's processing time, and the transport gives up with
 * `ZenNetworkError` at `timeoutMs`, like ofetch would. A dead process's request never returns.
 */
export function simulatedTransport(world: TransportWorld, process: { name: string; alive: boolean }): ZenTransport {
  const { clock, api, random, faults } = world;
  return (request) =>
    new Promise<TransportResponse>((resolve, reject) => {
      const signal = request.signal;
      if (signal?.aborted) return reject(signal.reason);
      const flight = world.flightOf(signal);
      const date = new URL(request.url).searchParams.get('data') ?? '';
      const owner = `${process.name}/net`;
      const now = clock.now();
      const cancels: (() => void)[] = [];
      let settled = false;
      const finish = (settle: () => void): void => {
        if (settled || !process.alive) return;
        settled = true;
        for (const cancel of cancels) cancel();
        signal?.removeEventListener('abort', onAbort);
        settle();
      };
      const onAbort = (): void => finish(() => reject(signal?.reason));
      signal?.addEventListener('abort', onAbort, { once: true });
      world.onSend(process.name, flight);
      if (faults.unreachable.some(([from, to]) => now >= from && now < to)) {
        world.trace(`${process.name} f${flight} ${date} unreachable`);
        cancels.push(clock.at(now + random.int(1, 50), () => finish(() => reject(new ZenNetworkError('The API is unreachable (simulated outage).', 'Check the network.', 'unreachable'))), owner));
        return;
      }
      cancels.push(
        clock.at(now + request.timeoutMs, () => {
          world.trace(`${process.name} f${flight} ${date} timeout`);
          finish(() => reject(new ZenNetworkError(`No answer within ${request.timeoutMs} ms (simulated).`, 'Raise the timeout.', 'timeout')));
        }, owner),
      );
      const uplink = random.int(0, 999);
      // The request is on the wire: once it arrives, an abort on our side does not un-count it.
      clock.at(now + uplink, () => {
        const { arrival, respond } = api.arrive('ours', date, flight);
        world.trace(`${process.name} f${flight} ${date} arrives #${arrival.id} -> ${arrival.status}`);
        if (arrival.counted && random.chance(faults.resetRate)) {
          clock.at(clock.now() + random.int(1, 200), () => {
            world.trace(`${process.name} f${flight} ${date} reset`);
            finish(() => reject(new ZenNetworkError('The connection was reset (simulated).', 'Try again.', 'connection')));
          }, owner);
          return;
        }
        const slow = arrival.counted && random.chance(faults.slowRate);
        const processing = slow ? request.timeoutMs + random.int(1, 2 * request.timeoutMs) : random.int(5, 400);
        clock.at(clock.now() + processing, () => finish(() => resolve(respond())), owner);
      });
    });
}

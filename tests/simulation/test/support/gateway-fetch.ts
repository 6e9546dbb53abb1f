import type { Prng } from './prng.js';
import type { SimulatedApi } from './simulated-api.js';
import type { VirtualClock } from './virtual-clock.js';

/** One upstream request a replica sent: from the `fetch` call to its settling. */
export interface UpstreamSend {
  replica: number;
  date: string;
  sentAt: number;
  endAt?: number;
  /** The API's arrival id, once it arrived. */
  arrival?: number;
  /** The API's status, or `timeout` (the answer came after the timeout), once it settled. */
  outcome?: number | 'timeout';
}

export interface GatewayFetchWorld {
  clock: VirtualClock;
  api: SimulatedApi;
  random: Prng;
  timeoutMs: number;
  slowRate: number;
  sends: UpstreamSend[];
  trace(line: string): void;
}

/**
 * The `fetch` a replica's core sends upstream with, on the virtual clock: the request reaches the
 * simulated API after an uplink jitter under 1 s, comes back after the API's processing time
 * (sometimes beyond the timeout), and fails at `timeoutMs`. Written here because the harness's
 * transport is a core `ZenTransport`, while the gateway takes a `fetch`; and because the core's
 * fetch transport times out on a real `setTimeout`, the timeout is this fetch's (virtual), failing
 * as undici's headers timeout does (a `connection` failure to the core: it may have arrived).
 */
export function gatewayFetch(world: GatewayFetchWorld, replica: number): typeof fetch {
  const { clock, api, random, timeoutMs } = world;
  return (input, init) =>
    new Promise<Response>((resolve, reject) => {
      const signal = init?.signal ?? (input instanceof Request ? input.signal : undefined);
      if (signal?.aborted) return reject(signal.reason);
      const url = input instanceof Request ? input.url : String(input);
      const date = new URL(url).searchParams.get('data') ?? '';
      const send: UpstreamSend = { replica, date, sentAt: clock.now() };
      world.sends.push(send);
      const owner = `r${replica}/net`;
      const cancels: (() => void)[] = [];
      let settled = false;
      const finish = (settle: () => void): void => {
        if (settled) return;
        settled = true;
        send.endAt = clock.now();
        for (const cancel of cancels) cancel();
        signal?.removeEventListener('abort', onAbort);
        settle();
      };
      const onAbort = (): void => finish(() => reject(signal?.reason));
      signal?.addEventListener('abort', onAbort, { once: true });
      cancels.push(
        clock.at(clock.now() + timeoutMs, () => {
          world.trace(`r${replica} ${date} timeout`);
          send.outcome = 'timeout';
          const cause = Object.assign(new Error('Headers Timeout Error'), { code: 'UND_ERR_HEADERS_TIMEOUT' });
          finish(() => reject(new TypeError('fetch failed', { cause })));
        }, owner),
      );
      // On the wire: once it arrives, nothing on our side un-counts it.
      clock.at(clock.now() + random.int(0, 999), () => {
        const { arrival, respond } = api.arrive('ours', date);
        send.arrival = arrival.id;
        world.trace(`r${replica} ${date} arrives #${arrival.id} -> ${arrival.status}`);
        const slow = arrival.counted && random.chance(world.slowRate);
        const processing = slow ? timeoutMs + random.int(1, 2 * timeoutMs) : random.int(5, 400);
        cancels.push(
          clock.at(clock.now() + processing, () =>
            finish(() => {
              const answer = respond();
              send.outcome = answer.status;
              const headers = new Headers({ 'content-type': 'application/json', date: answer.headers.get('date') ?? '' });
              resolve(new Response(answer.body, { status: answer.status, headers }));
            }), owner),
        );
      }, owner);
    });
}

import { MemoryStore, type Clock } from '@zen-leads/core';
import { createSimulator, type RequestLogEntry, type Simulator } from '@zen-leads/simulator';
import { createGateway, type Gateway, type GatewayOptions } from '../../src/index.js';
import { CLIENT_KEY, OTHER_CLIENT_KEY, UPSTREAM_TOKEN } from './gateway-world.js';

/** The API's real window: on virtual time it costs nothing to wait for it. */
export const API_WINDOW_MS = 300_000;
/** A window as the core keeps it: the API's plus its 1 s margin. */
export const WINDOW_WITH_MARGIN_MS: number = API_WINDOW_MS + 1_000;

export interface VirtualClock extends Clock {
  /** Moves time on by `ms`, firing every nap that ends on the way, in order, and letting the work it wakes run. */
  advance(ms: number): Promise<void>;
  /** When the earliest nap ends (what the gateway would next wake for by itself), if any. */
  nextNap(): number | undefined;
}

/**
 * Time that moves only when told: what the deterministic simulation drives the gateway with.
 * `busy` says whether work is under way that virtual time must not overtake (an upstream request
 * the simulator is answering): on a loaded machine its real milliseconds can outlast any fixed
 * number of event-loop turns, and time moving on under it would stamp its answer minutes late.
 */
export function virtualClock(start: number, busy: () => boolean = () => false): VirtualClock {
  let now = start;
  const timers = new Set<{ at: number; fire(): void }>();
  const turn = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 2));
  // Real turns of the event loop (WebCrypto digests, stream reads) until the work they wake is done:
  // nothing busy and no nap added or ended for 2 turns in a row (bounded: 2,000 turns, ~4 s and more).
  const settle = async (): Promise<void> => {
    let quiet = 0;
    let seen = '';
    for (let turns = 0; quiet < 2 && turns < 2_000; turns++) {
      await turn();
      const state = `${timers.size}:${nextAt()}`;
      quiet = busy() || state !== seen ? 0 : quiet + 1;
      seen = state;
    }
  };
  const nextAt = (): number | undefined => (timers.size === 0 ? undefined : Math.min(...[...timers].map((timer) => timer.at)));
  return {
    now: () => now,
    sleep: (ms, signal) =>
      new Promise<void>((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason);
        const timer = { at: now + Math.max(0, ms), fire: resolve };
        timers.add(timer);
        signal?.addEventListener('abort', () => timers.delete(timer) && reject(signal.reason), { once: true });
      }),
    nextNap: nextAt,
    async advance(ms) {
      const end = now + ms;
      for (;;) {
        await settle();
        const due = [...timers].filter((timer) => timer.at <= end).sort((a, b) => a.at - b.at)[0];
        if (!due) break;
        now = Math.max(now, due.at);
        timers.delete(due);
        due.fire();
      }
      now = end;
      await settle();
    },
  };
}

export interface VirtualGateway {
  clock: VirtualClock;
  simulator: Simulator;
  gateway: Gateway;
  /** The gateway's fetch handler, in process, with the client key as the API's `token` header unless `headers` say otherwise. */
  get(path: string, headers?: Record<string, string>): Promise<Response>;
  /** The upstream requests for `date` (all of them without one). */
  upstreamRequests(date?: string): RequestLogEntry[];
  /** A counter or gauge from `/metrics` (0 when absent). */
  metric(name: string): Promise<number>;
  close(): Promise<void>;
}

/**
 * The gateway and the simulator on one virtual clock, in process, with the API's real 5-minute
 * window by default: the window-timing properties run here in milliseconds of real time. Each keeps one
 * test over real sockets and real time (`startGatewayWorld`), where a user meets it.
 */
export function startVirtualGateway(options: { gateway?: (clock: VirtualClock) => Partial<GatewayOptions>; windowMs?: number; /** Virtual time's start (default now). */ start?: number } = {}): VirtualGateway {
  let upstreamInFlight = 0;
  const clock = virtualClock(options.start ?? Date.now(), () => upstreamInFlight > 0);
  const windowMs = options.windowMs ?? API_WINDOW_MS;
  const simulator = createSimulator({ tokens: [UPSTREAM_TOKEN], windowMs, now: clock.now });
  const gateway = createGateway({
    url: 'http://127.0.0.1:1/api/totais_lead',
    allowInsecureHttp: true,
    token: UPSTREAM_TOKEN,
    clientKeys: [CLIENT_KEY, OTHER_CLIENT_KEY],
    minIntervalMs: windowMs,
    // Today refreshed only while someone looks, whatever the hour the suite runs at; the tests of keep-today-fresh turn it on.
    keepTodayFresh: false,
    store: new MemoryStore({ now: clock.now }),
    fetch: async (input, init) => {
      upstreamInFlight++;
      try {
        return await simulator.handler(new Request(input, init));
      } finally {
        upstreamInFlight--;
      }
    },
    clock,
    ...options.gateway?.(clock),
  });
  const get = (path: string, headers: Record<string, string> = { token: CLIENT_KEY }): Promise<Response> => gateway(new Request(`http://gateway.test${path}`, { headers }));
  return {
    clock,
    simulator,
    gateway,
    get,
    upstreamRequests: (date) => simulator.log.filter((entry) => date === undefined || entry.date === date),
    async metric(name) {
      const text = await (await get('/metrics', { authorization: `Bearer ${CLIENT_KEY}` })).text();
      const line = text.split('\n').find((candidate) => candidate.startsWith(`${name} `));
      return line === undefined ? 0 : Number(line.split(' ')[1]);
    },
    close: () => gateway.close(),
  };
}

import type { Socket } from 'node:net';
import { MemoryStore, addDays, todayInSaoPaulo } from '@zen-leads/core';
import { createSimulator, type RequestLogEntry, type Simulator, type SimulatorOptions } from '@zen-leads/simulator';
import { serve, type SimulatorServer } from '@zen-leads/simulator/node';
import { expect } from 'vitest';
import { createGateway, type Gateway, type GatewayOptions } from '../../src/index.js';
import { serveGateway, type GatewayServer } from '../../src/node/serve-gateway.js';

/** The upstream token: distinctive, so any byte of it in a response is found. */
export const UPSTREAM_TOKEN = 'upstream-secret-Q7x9-gw-Lm2K-ZZtop-5512';
/** Client keys the gateway accepts. */
export const CLIENT_KEY = 'client-key-alpha-7f3b2c9d4e5a6b1c';
export const OTHER_CLIENT_KEY = 'client-key-bravo-0a9b8c7d6e5f4a3b';
/** The simulator's window and the gateway's in these tests (the core adds 1 s of margin to its window). */
export const WINDOW_MS = 1_000;

/** A closed day `n` days before today in São Paulo. */
export function daysAgo(n: number): string {
  return addDays(todayInSaoPaulo(), -n);
}

export interface GatewayWorld {
  simulator: Simulator;
  gateway: Gateway;
  server: GatewayServer;
  /** The gateway's origin, e.g. `http://127.0.0.1:40123`. */
  url: string;
  /** Every 200 body the upstream sent, in order. */
  upstreamBodies: { date: string; body: string }[];
  /** The upstream requests for `date` (all of them without one). */
  upstreamRequests(date?: string): RequestLogEntry[];
  /** `fetch` on the gateway, with the client key as the API's `token` header unless `headers` say otherwise. */
  get(path: string, headers?: Record<string, string>, init?: RequestInit): Promise<Response>;
  /** Every byte the gateway wrote to its client sockets so far. */
  sentBytes(): Buffer;
  /** Stops both servers, then checks that no byte the gateway sent held the upstream token. */
  close(): Promise<void>;
}

export interface WorldOptions {
  /** The upstream token, when a test needs another seeded account than `UPSTREAM_TOKEN`'s. */
  upstreamToken?: string;
  simulator?: SimulatorOptions;
  gateway?: Partial<GatewayOptions>;
  /** Wraps the simulator's handler (latency, faults). */
  upstream?: (handler: Simulator['handler']) => Simulator['handler'];
}

/**
 * The simulator and the gateway, each on its own loopback socket: clients → gateway → simulator,
 * as in production. Every byte the gateway writes to a client socket is recorded for the token
 * scan that `close()` runs, so each test file scans every response it caused.
 */
export async function startGatewayWorld(options: WorldOptions = {}): Promise<GatewayWorld> {
  const token = options.upstreamToken ?? UPSTREAM_TOKEN;
  const simulator = createSimulator({ tokens: [token], windowMs: WINDOW_MS, ...options.simulator });
  const upstreamBodies: { date: string; body: string }[] = [];
  const recording: Simulator['handler'] = async (request) => {
    const response = await simulator.handler(request);
    if (response.status === 200) upstreamBodies.push({ date: new URL(request.url).searchParams.get('data') ?? '', body: await response.clone().text() });
    return response;
  };
  const upstream: SimulatorServer = await serve({ handler: options.upstream ? options.upstream(recording) : recording });
  const gateway = createGateway({ url: upstream.url, token, clientKeys: [CLIENT_KEY, OTHER_CLIENT_KEY], minIntervalMs: WINDOW_MS, keepTodayFresh: false, ...options.gateway });
  const server = await serveGateway(gateway, { port: 0 });
  const chunks: Buffer[] = [];
  server.server.on('connection', (socket: Socket) => tap(socket, chunks));
  return {
    simulator,
    gateway,
    server,
    url: server.url,
    upstreamBodies,
    upstreamRequests: (date) => simulator.log.filter((entry) => date === undefined || entry.date === date),
    get: (path, headers = { token: CLIENT_KEY }, init = {}) => fetch(`${server.url}${path}`, { ...init, headers }),
    sentBytes: () => Buffer.concat(chunks),
    async close() {
      await server.close();
      await upstream.close();
      expectTokenAbsent(Buffer.concat(chunks), token);
    },
  };
}

/** Fails when the upstream token, plain or URL-encoded, is anywhere in `bytes`. */
export function expectTokenAbsent(bytes: Buffer, token: string = UPSTREAM_TOKEN): void {
  const text = bytes.toString('latin1');
  expect(bytes.length).toBeGreaterThan(0);
  expect(bytes.includes(Buffer.from(token))).toBe(false);
  expect(text.includes(encodeURIComponent(token))).toBe(false);
}

function tap(socket: Socket, chunks: Buffer[]): void {
  const write = socket.write.bind(socket) as (...args: unknown[]) => boolean;
  socket.write = ((chunk: unknown, ...rest: unknown[]) => {
    if (typeof chunk === 'string') chunks.push(Buffer.from(chunk, typeof rest[0] === 'string' ? (rest[0] as BufferEncoding) : 'utf8'));
    else if (chunk instanceof Uint8Array) chunks.push(Buffer.from(chunk));
    return write(chunk, ...rest);
  }) as Socket['write'];
}

/** A memory store that can be switched off: every operation then fails, as a dead Redis's would. `now`: its clock (a virtual one). */
export class SwitchableStore extends MemoryStore {
  down = false;
  constructor(now?: () => number) {
    super(now ? { now } : {});
    for (const name of ['reserve', 'enqueue', 'dequeue', 'hold', 'release', 'get', 'set'] as const) {
      const operation = (this[name] as (...args: unknown[]) => Promise<unknown>).bind(this);
      (this as Record<string, unknown>)[name] = (...args: unknown[]) => (this.down ? Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:6379')) : operation(...args));
    }
  }
}

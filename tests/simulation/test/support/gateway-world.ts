import { MemoryStore, createZenClient, isZenError, type ZenClient } from '@zen-leads/core';
import { createGateway, type Gateway } from '@zen-leads/gateway';
import { pinRuntime } from './deterministic-runtime.js';
import { gatewayFetch, type UpstreamSend } from './gateway-fetch.js';
import type { GatewayAsk, GatewayScenario } from './gateway-scenario.js';
import { Prng } from './prng.js';
import { SimulatedApi, type Arrival } from './simulated-api.js';
import { VirtualClock } from './virtual-clock.js';

/** One client request and what became of it. */
export interface AskRecord extends GatewayAsk {
  id: number;
  status?: number;
  endAt?: number;
}

/** What a replica's /metrics and log said at the end. */
export interface ReplicaReport {
  idleWakeups: number;
  idleTodayFetches: number;
  idleTodayLines: number;
  /** `zen_gateway_snapshots_total`: today's answers this replica stored as snapshots. */
  snapshots: number;
  lines: string[];
}

export interface GatewayResult {
  scenario: GatewayScenario;
  trace: string[];
  arrivals: Arrival[];
  sends: UpstreamSend[];
  asks: AskRecord[];
  replicas: ReplicaReport[];
  /** The scripted close: when it started and when it resolved (undefined: never). */
  close?: { replica: number; startedAt: number; endedAt?: number };
  endedAt: number;
  unhandled: string[];
}

/** Far past anything a seed does: a 24 h hold cannot hide behind it, a quiet world ends long before. */
const HORIZON_MS = 6 * 3_600_000;
/** The gateway's CRM token: invariant 8 looks for it in every log line. */
export const UPSTREAM_TOKEN = 'sim-upstream-token-0123456789';
export const clientKey = (key: number): string => `sim-client-key-${key}-abcdefghijklmnop`;

/** Runs one gateway scenario: replicas, clients, the API and the faults, all on one virtual clock. */
export async function runGatewayScenario(scenario: GatewayScenario): Promise<GatewayResult> {
  const random = new Prng(scenario.seed ^ 0x9e3779b9);
  const runtime = pinRuntime(random.fork());
  const unhandled: string[] = [];
  const onUnhandled = (reason: unknown): void => void unhandled.push(String(reason instanceof Error ? `${reason.name}: ${reason.message}` : reason));
  process.on('unhandledRejection', onUnhandled);
  try {
    return await simulate(scenario, random, unhandled);
  } finally {
    process.off('unhandledRejection', onUnhandled);
    runtime.undo();
  }
}

async function simulate(scenario: GatewayScenario, random: Prng, unhandled: string[]): Promise<GatewayResult> {
  const clock = new VirtualClock(scenario.start);
  const trace: string[] = [];
  const at = (): string => `+${((clock.now() - scenario.start) / 1000).toFixed(3)}s`;
  const log = (line: string): void => void trace.push(`${at()} ${line}`);
  const api = new SimulatedApi(clock, random.fork(), scenario.api);
  const sends: UpstreamSend[] = [];
  const net = { clock, api, random: random.fork(), timeoutMs: scenario.timeoutMs, slowRate: scenario.slowRate, sends, trace: log };
  const store = new MemoryStore({ now: clock.now });
  const reports: ReplicaReport[] = [];
  const gateways: Gateway[] = Array.from({ length: scenario.replicas }, (_, replica) => {
    const report: ReplicaReport = { idleWakeups: 0, idleTodayFetches: 0, idleTodayLines: 0, snapshots: 0, lines: [] };
    reports.push(report);
    return createGateway({
      url: 'http://crm.sim/api/totais_lead',
      allowInsecureHttp: true,
      token: UPSTREAM_TOKEN,
      clientKeys: Array.from({ length: scenario.keys }, (_, key) => clientKey(key)),
      store,
      timeoutMs: scenario.timeoutMs,
      // The scenarios' idle work is today while someone reads it (their invariants and kept seeds
      // count on it); the simulated day starts in business hours, where keep-today-fresh would add its own.
      keepTodayFresh: false,
      clock: clock.clockFor(`r${replica}`),
      fetch: gatewayFetch(net, replica),
      log: (line) => {
        report.lines.push(line);
        if (line.startsWith('idle window: refreshed today')) report.idleTodayLines++;
        log(`r${replica} log: ${line}`);
      },
    });
  });
  for (const when of scenario.outside) clock.at(when, () => log(`outside arrives #${api.arrive('outside', '2026-11-24').arrival.id}`));
  const asks = scheduleAsks(scenario, clock, gateways, log);
  let close: GatewayResult['close'];
  const closeAll = (): Promise<unknown> => Promise.all(gateways.map((gateway) => gateway.close()));
  if (scenario.close) {
    const { replica, at: when } = scenario.close;
    clock.at(when, () => {
      log(`r${replica} close()`);
      const started = { replica, startedAt: clock.now() } as NonNullable<GatewayResult['close']>;
      close = started;
      void gateways[replica]?.close().then(() => {
        started.endedAt = clock.now();
        log(`r${replica} closed`);
      });
    });
  }
  await clock.run(scenario.start + HORIZON_MS);
  const endedAt = clock.now();
  for (const [replica, gateway] of gateways.entries()) Object.assign(reports[replica] as ReplicaReport, await readMetrics(gateway));
  // Whatever is still open ends here (a quiet world: nothing is held, nothing is on its way).
  const closing = closeAll();
  await clock.run(endedAt + HORIZON_MS);
  await closing;
  return { scenario, trace, arrivals: api.arrivals, sends, asks, replicas: reports, ...(close ? { close } : {}), endedAt, unhandled };
}

/**
 * Our own client behind a replica, one per key (its own store, as a CLI run's file store or an n8n
 * process's memory): it must learn the gateway from its `zen-gateway` header and leave the pacing
 * to it, not apply the 5-minute window a second time (issue 18 #8).
 */
function ourClient(clients: Map<string, ZenClient>, clock: VirtualClock, gateway: Gateway, ask: GatewayAsk): ZenClient {
  const id = `${ask.key}@${ask.replica}`;
  let client = clients.get(id);
  if (!client) {
    client = createZenClient({
      url: 'http://gw/api/totais_lead',
      allowInsecureHttp: true,
      token: clientKey(ask.key),
      store: new MemoryStore({ now: clock.now }),
      clock: clock.clockFor(`client-${id}`),
      maxWaitMs: 20 * 60_000,
      fetch: (input, init) => gateway.fetch(new Request(input, init)),
    });
    clients.set(id, client);
  }
  return client;
}

function scheduleAsks(scenario: GatewayScenario, clock: VirtualClock, gateways: Gateway[], log: (line: string) => void): AskRecord[] {
  const clients = new Map<string, ZenClient>();
  return scenario.asks.map((ask, id) => {
    const record: AskRecord = { ...ask, id };
    if (ask.path === 'client') {
      clock.at(ask.at, () => {
        log(`c${id} k${ask.key} -> r${ask.replica} client ${ask.date}`);
        ourClient(clients, clock, gateways[ask.replica] as Gateway, ask)
          .getTotals(ask.date)
          .then(
            () => (record.status = 200),
            (error: unknown) => (record.status = isZenError(error) ? (error.status ?? 0) : -1),
          )
          .finally(() => {
            record.endAt = clock.now();
            log(`c${id} <- ${record.status}`);
          });
      });
      return record;
    }
    clock.at(ask.at, () => {
      const url = ask.path === 'api' ? `http://gw/api/totais_lead?data=${ask.date}` : `http://gw/v1/totals/${ask.date}`;
      const headers: Record<string, string> = { token: clientKey(ask.key) };
      if (ask.waitS !== undefined) headers.prefer = `wait=${ask.waitS}`;
      log(`c${id} k${ask.key} -> r${ask.replica} ${ask.path} ${ask.date}${ask.waitS === undefined ? '' : ` wait=${ask.waitS}`}`);
      (gateways[ask.replica] as Gateway)
        .fetch(new Request(url, { headers }))
        .then((response) => {
          record.status = response.status;
          record.endAt = clock.now();
          log(`c${id} <- ${response.status}`);
          return response.body?.cancel();
        })
        .catch((error: unknown) => log(`c${id} threw ${String(error)}`));
    });
    return record;
  });
}

/** The idle scheduler's counters from a replica's Prometheus text. */
async function readMetrics(gateway: Gateway): Promise<Pick<ReplicaReport, 'idleWakeups' | 'idleTodayFetches' | 'snapshots'>> {
  const response = await gateway.fetch(new Request('http://gw/metrics', { headers: { authorization: `Bearer ${clientKey(0)}` } }));
  const text = await response.text();
  const value = (pattern: RegExp): number => Number(pattern.exec(text)?.[1] ?? Number.NaN);
  return {
    idleWakeups: value(/^zen_gateway_idle_wakeups_total (\d+)/m),
    idleTodayFetches: value(/^zen_gateway_idle_fetches_total\{kind="today"\} (\d+)/m) || 0,
    snapshots: value(/^zen_gateway_snapshots_total (\d+)/m),
  };
}

import type { ApiFaults } from './simulated-api.js';
import { Prng } from './prng.js';
import { SIM_START, dayBefore } from './scenario.js';

/** One client request to a gateway replica: when, which key, which day, how, and for how long it may be held. */
export interface GatewayAsk {
  at: number;
  key: number;
  replica: number;
  date: string;
  /** `client`: our own core client (`createZenClient`) pointed at the gateway, as the CLI or the n8n node is. */
  path: 'api' | 'v1' | 'client';
  /** `Prefer: wait=<s>`; undefined: no Prefer (answered at once). */
  waitS?: number;
}

/** Everything a gateway seed decides, before anything runs. */
export interface GatewayScenario {
  seed: number;
  /** Set on a hand-written scenario: the test that runs it. */
  scripted?: string;
  start: number;
  replicas: number;
  keys: number;
  timeoutMs: number;
  api: ApiFaults;
  /** Chance that a counted request is answered after the gateway's timeout. */
  slowRate: number;
  asks: GatewayAsk[];
  /** Requests with the gateway's token from someone else (their windows draw the gateway 429s). */
  outside: number[];
  /** One key asking for many past days at once (a leaked CSV link). */
  flood?: { key: number; at: number };
  /** `gateway.close()` of one replica; undefined: every replica closes once the world is quiet. */
  close?: { replica: number; at: number };
}

const MINUTE = 60_000;

/** A client reading today every few seconds (a dashboard, a poller): the idle-window scheduler's customer. */
function watcher(random: Prng, scenario: Pick<GatewayScenario, 'start' | 'replicas'>, key: number, span: number): GatewayAsk[] {
  const from = scenario.start + random.int(0, span);
  const every = random.int(3, 10) * 1_000;
  const replica = random.int(0, scenario.replicas - 1);
  const asks: GatewayAsk[] = [];
  for (let at = from, end = from + random.int(5, 20) * MINUTE; at < end; at += every) asks.push({ at, key, replica, date: dayBefore(0), path: 'api' });
  return asks;
}

/** A key queueing 20–40 past days within half a second, and another key asking its own day soon after. */
function flood(random: Prng, scenario: Pick<GatewayScenario, 'start' | 'replicas' | 'keys'>, span: number): { asks: GatewayAsk[]; flood: { key: number; at: number } } {
  const key = random.int(0, scenario.keys - 1);
  const at = scenario.start + random.int(0, span);
  const replica = random.int(0, scenario.replicas - 1);
  const asks: GatewayAsk[] = [];
  for (let back = random.int(20, 40); back >= 10; back--) asks.push({ at: at + random.int(0, 500), key, replica, date: dayBefore(back), path: random.chance(0.5) ? 'api' : 'v1' });
  const victim = (key + 1) % scenario.keys;
  asks.push({ at: at + random.int(501, 10_000), key: victim, replica: random.int(0, scenario.replicas - 1), date: dayBefore(random.int(1, 4)), path: 'api', ...(random.chance(0.5) ? { waitS: 600 } : {}) });
  return { asks, flood: { key, at } };
}

/** Draws a gateway seed's world. Most faults are off in most seeds, so each seed tells a short story. */
export function drawGatewayScenario(seed: number): GatewayScenario {
  const random = new Prng(seed);
  const start = SIM_START;
  const span = random.int(1, 10) * MINUTE;
  const base = { start, replicas: random.int(1, 2), keys: random.int(2, 3) };
  const asks: GatewayAsk[] = [];
  for (let i = random.int(1, 6); i > 0; i--) {
    const waitS = random.chance(0.5) ? undefined : random.pick([5, 30, 60, 120, 300, 600]);
    asks.push({ at: start + random.int(0, span), key: random.int(0, base.keys - 1), replica: random.int(0, base.replicas - 1), date: dayBefore(random.int(0, 4)), path: random.chance(0.3) ? 'v1' : 'api', ...(waitS === undefined ? {} : { waitS }) });
  }
  const flooded = random.chance(0.15) ? flood(random, base, span) : undefined;
  if (flooded) asks.push(...flooded.asks);
  if (random.chance(0.15)) asks.push(...watcher(random, base, random.int(0, base.keys - 1), span));
  const closeAt = random.chance(0.4) ? start + random.int(0, span + 10 * MINUTE) : undefined;
  return {
    seed,
    ...base,
    timeoutMs: random.pick([2_000, 5_000, 10_000, 30_000]),
    api: {
      skewMs: 0,
      serverErrorRate: random.chance(0.15) ? random.pick([0.2, 0.5]) : 0,
      revokedAt: random.chance(0.08) ? start + random.int(0, span + 5 * MINUTE) : Number.POSITIVE_INFINITY,
    },
    slowRate: random.chance(0.2) ? random.pick([0.3, 1]) : 0,
    asks: asks.sort((a, b) => a.at - b.at),
    outside: random.chance(0.15) ? Array.from({ length: random.int(1, 3) }, () => start + random.int(0, span)).sort((a, b) => a - b) : [],
    ...(flooded ? { flood: flooded.flood } : {}),
    ...(closeAt === undefined ? {} : { close: { replica: random.int(0, base.replicas - 1), at: closeAt } }),
  };
}

/** The faults a gateway scenario drew, on one line. */
export function gatewayScenarioSummary(s: GatewayScenario): string {
  const parts = [`${s.replicas} replica(s), ${s.keys} keys`, `${s.asks.length} asks`, `timeout ${s.timeoutMs} ms`];
  if (s.slowRate) parts.push(`slow ${s.slowRate}`);
  if (s.api.serverErrorRate) parts.push(`5xx ${s.api.serverErrorRate}`);
  if (Number.isFinite(s.api.revokedAt)) parts.push(`revoked at +${s.api.revokedAt - s.start}`);
  if (s.outside.length) parts.push(`${s.outside.length} outside request(s)`);
  if (s.flood) parts.push(`key ${s.flood.key} floods at +${s.flood.at - s.start}`);
  if (s.asks.some((ask) => ask.date === dayBefore(0))) parts.push('today read');
  if (s.close) parts.push(`close r${s.close.replica} at +${s.close.at - s.start}`);
  return parts.join(', ');
}

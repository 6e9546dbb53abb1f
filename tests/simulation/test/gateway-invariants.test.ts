import { describe, expect, it } from 'vitest';
import { checkGatewayInvariants } from './support/gateway-invariants.js';
import { drawGatewayScenario } from './support/gateway-scenario.js';
import { UPSTREAM_TOKEN, type AskRecord, type GatewayResult } from './support/gateway-world.js';
import { SIM_START } from './support/scenario.js';
import type { Arrival } from './support/simulated-api.js';

const DAY = '2026-11-23';

/** A quiet gateway seed's result: one client asks, one request goes upstream, the client gets 200. */
function quiet(): GatewayResult {
  const scenario = { ...drawGatewayScenario(1), timeoutMs: 5_000, asks: [] };
  const { flood: _flood, close: _close, ...plain } = scenario;
  const ask: AskRecord = { id: 0, at: SIM_START, key: 0, replica: 0, date: DAY, path: 'api', status: 200, endAt: SIM_START + 600 };
  const arrival: Arrival = { id: 1, source: 'ours', at: SIM_START + 300, date: DAY, status: 200, counted: true };
  return {
    scenario: plain,
    trace: [],
    arrivals: [arrival],
    sends: [{ replica: 0, date: DAY, sentAt: SIM_START, endAt: SIM_START + 600, arrival: 1, outcome: 200 }],
    asks: [ask],
    replicas: [{ idleWakeups: 3, idleTodayFetches: 0, idleTodayLines: 0, snapshots: 0, lines: [] }],
    endedAt: SIM_START + 600_000,
    unhandled: [],
  };
}

const broken = (result: GatewayResult): string[] => [...new Set(checkGatewayInvariants(result).map((v) => v.invariant))];

// Each gateway invariant, shown able to fail on a result that breaks it (and only it).
describe.skipIf(process.env.SIM_SEED !== undefined)('the gateway invariants catch what they name', () => {
  it('a quiet seed breaks none', () => expect(broken(quiet())).toEqual([]));

  it('1: our request inside our own window', () => {
    const result = quiet();
    result.arrivals.push({ id: 2, source: 'ours', at: SIM_START + 900, date: DAY, status: 429, counted: false, windowOpenedBy: { id: 1, source: 'ours', at: SIM_START + 300 } });
    expect(broken(result)).toEqual(['1 no self-caused 429']);
  });

  it('2: a client never answered, or a client without Prefer held 2 s for a day not on its way', () => {
    const never = quiet();
    delete (never.asks[0] as AskRecord).endAt;
    expect(broken(never)).toEqual(['2 answered in bound']);
    const held = quiet();
    held.sends = [];
    held.arrivals = [];
    (held.asks[0] as AskRecord).endAt = SIM_START + 2_000;
    expect(broken(held)).toEqual(['2 answered in bound']);
  });

  it('3: a send after close(), a close() that takes 8 s, a held client answered late', () => {
    const sent = quiet();
    sent.close = { replica: 0, startedAt: SIM_START - 1, endedAt: SIM_START };
    (sent.asks[0] as AskRecord).at = SIM_START + 10;
    expect(broken(sent)).toEqual(['3 bounded shutdown']);
    const slow = quiet();
    slow.close = { replica: 0, startedAt: SIM_START + 700, endedAt: SIM_START + 8_700 };
    expect(broken(slow)).toEqual(['3 bounded shutdown']);
    const held = quiet();
    held.sends = [];
    held.close = { replica: 0, startedAt: SIM_START + 100, endedAt: SIM_START + 100 };
    (held.asks[0] as AskRecord).endAt = SIM_START + 1_500;
    (held.asks[0] as AskRecord).waitS = 60;
    expect(broken(held)).toEqual(['3 bounded shutdown']);
  });

  it('4: a spinning idle scheduler, or idle log lines its fetches do not match', () => {
    const spin = quiet();
    (spin.replicas[0] as GatewayResult['replicas'][0]).idleWakeups = 4_829;
    expect(broken(spin)).toEqual(['4 bounded idle work']);
    const lines = quiet();
    Object.assign(lines.replicas[0] as object, { idleTodayLines: 3, idleTodayFetches: 3 });
    expect(broken(lines)).toEqual(['4 bounded idle work']);
  });

  it('4: more snapshots of today than today’s upstream answers (a snapshot that cost a request)', () => {
    const result = quiet();
    (result.replicas[0] as GatewayResult['replicas'][0]).snapshots = 5;
    expect(broken(result)).toEqual(['4 bounded idle work']);
  });

  it('5: a request 10 s after a 401, and a client answered 401', () => {
    const result = quiet();
    Object.assign(result.arrivals[0] as Arrival, { status: 401, counted: false });
    result.arrivals.push({ id: 2, source: 'ours', at: SIM_START + 10_300, date: DAY, status: 401, counted: false });
    (result.asks[0] as AskRecord).status = 401;
    expect(broken(result)).toEqual(['5 refusal remembered']);
    expect(checkGatewayInvariants(result)).toHaveLength(2);
  });

  it('8: a log line holding the CRM token', () => {
    const result = quiet();
    (result.replicas[0] as GatewayResult['replicas'][0]).lines.push(`upstream: GET with token ${UPSTREAM_TOKEN}`);
    expect(broken(result)).toEqual(['8 token never logged']);
  });

  it('6: another key\'s day sent after 3 of the flooding key\'s days', () => {
    const result = quiet();
    result.scenario = { ...result.scenario, flood: { key: 1, at: SIM_START - 1_000 } };
    result.asks = ['2026-10-01', '2026-10-02', '2026-10-03'].map((date, id) => ({ id: id + 1, at: SIM_START - 1_000, key: 1, replica: 0, date, path: 'api', status: 429, endAt: SIM_START - 1_000 }));
    result.asks.push({ id: 4, at: SIM_START, key: 0, replica: 0, date: DAY, path: 'api', waitS: 600, status: 429, endAt: SIM_START + 500 });
    result.arrivals = [...['2026-10-01', '2026-10-02', '2026-10-03'].map((date, i) => ({ id: i + 1, source: 'ours' as const, at: SIM_START + 1_000 + i * 301_000, date, status: 200, counted: true })), { id: 4, source: 'ours', at: SIM_START + 903_300, date: DAY, status: 200, counted: true }];
    result.sends = [];
    expect(broken(result)).toEqual(['6 fair between keys']);
  });
});

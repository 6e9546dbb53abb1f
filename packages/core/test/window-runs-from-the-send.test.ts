import { describe, expect, it } from 'vitest';
import { createZenClientBase } from '../src/zen-client.js';
import type { TransportRequest, TransportResponse } from '../src/transport.js';
import { ManualClock, advanceUntil } from './support/manual-clock.js';

const WINDOW = 10_000;
const MARGIN = 1_000;

/** A server that stamps each request when it arrives and answers `latencies` later (or fails with `statuses`). */
function slowServer(clock: ManualClock, script: { latencyMs: number; status?: number }[]) {
  const sent: number[] = [];
  const transport = async (request: TransportRequest): Promise<TransportResponse> => {
    sent.push(clock.now());
    const step = script.shift() ?? { latencyMs: 0 };
    await clock.sleep(step.latencyMs);
    const date = new URL(request.url).searchParams.get('data');
    const status = step.status ?? 200;
    const body = status === 200 ? JSON.stringify({ data: date, usuarios: [], erros: [] }) : JSON.stringify({ error: 'Ocorreu um erro interno do servidor.' });
    return { status, headers: new Headers(), body };
  };
  return { sent, transport };
}

describe('the window runs from the moment a request is sent', () => {
  it('so a slow answer does not delay the next request: it goes out one window (plus the margin) after the first was sent', async () => {
    const clock = new ManualClock('2026-11-24T15:00:00Z');
    const server = slowServer(clock, [{ latencyMs: 3_000 }, { latencyMs: 3_000 }]);
    const client = createZenClientBase({ url: 'https://crm.example.invalid/api', token: 'tok-window', minIntervalMs: WINDOW, windowMarginMs: MARGIN, clock, transport: server.transport });
    await advanceUntil(clock, Promise.all([client.getTotals('2026-11-20'), client.getTotals('2026-11-21')]));
    expect(server.sent).toHaveLength(2);
    expect(server.sent[1]! - server.sent[0]!).toBe(WINDOW + MARGIN);
  });

  it('and a retry restarts it, since the API may count each attempt', async () => {
    const clock = new ManualClock('2026-11-24T15:00:00Z');
    const server = slowServer(clock, [{ latencyMs: 0, status: 500 }, { latencyMs: 0 }, { latencyMs: 0 }]);
    const client = createZenClientBase({ url: 'https://crm.example.invalid/api', token: 'tok-window', minIntervalMs: WINDOW, windowMarginMs: MARGIN, retries: 1, clock, transport: server.transport });
    await advanceUntil(clock, Promise.all([client.getTotals('2026-11-20'), client.getTotals('2026-11-21')]));
    expect(server.sent).toHaveLength(3);
    const retryGap = server.sent[1]! - server.sent[0]!;
    expect(retryGap).toBeGreaterThan(0);
    expect(server.sent[2]! - server.sent[1]!).toBe(WINDOW + MARGIN);
  });
});

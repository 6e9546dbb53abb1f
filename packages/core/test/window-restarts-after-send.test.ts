import { describe, expect, it } from 'vitest';
import { createZenClientBase } from '../src/zen-client.js';
import type { TransportResponse } from '../src/transport.js';
import { ManualClock } from './support/manual-clock.js';

const WINDOW = 10_000;

describe('the window after a request', () => {
  it('restarts when the response arrives, because the server starts counting when the request reaches it', async () => {
    const clock = new ManualClock('2026-11-24T15:00:00Z');
    const served: number[] = [];
    const latencies = [3_000, 0];
    const client = createZenClientBase({
      url: 'https://crm.example.invalid/api',
      token: 'tok-window',
      minIntervalMs: WINDOW,
      clock,
      transport: async (request): Promise<TransportResponse> => {
        // The server sees the request only after the network's latency (slow the first time).
        await clock.sleep(latencies.shift() ?? 0);
        served.push(clock.now());
        const date = new URL(request.url).searchParams.get('data');
        return { status: 200, headers: new Headers(), body: JSON.stringify({ data: date, usuarios: [], erros: [] }) };
      },
    });
    const both = Promise.all([client.getTotals('2026-11-20'), client.getTotals('2026-11-21')]);
    await clock.advance(20_000);
    await both;
    expect(served).toHaveLength(2);
    expect(served[1]! - served[0]!).toBeGreaterThanOrEqual(WINDOW);
  });
});

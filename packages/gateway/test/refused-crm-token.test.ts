import { afterEach, describe, expect, it } from 'vitest';
import { CLIENT_KEY, UPSTREAM_TOKEN, daysAgo, startGatewayWorld, type GatewayWorld } from './support/gateway-world.js';

let world: GatewayWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

const REFUSED = 'O token do gateway foi recusado pelo CRM Zen (Token desabilitado). Atualize o token do gateway.';

describe("when the CRM Zen API refuses the gateway's own token", () => {
  it('100 client requests draw one upstream request; every client gets a 502 saying the gateway token was refused, never a 401', async () => {
    world = await startGatewayWorld({ simulator: { tokens: [{ token: UPSTREAM_TOKEN, disabled: true }] } });
    const statuses = new Map<number, number>();
    const bodies = new Set<string>();
    // In waves, as clients retrying would: a refusal must be remembered, not asked again.
    for (let wave = 0; wave < 10; wave++) {
      const responses = await Promise.all(
        Array.from({ length: 10 }, (_, index) => world!.get(`/api/totais_lead?data=${daysAgo(2 + ((wave * 10 + index) % 7))}`, { token: CLIENT_KEY, prefer: 'wait=10' })),
      );
      for (const response of responses) {
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        bodies.add(await response.text());
        expect(response.headers.get('zen-gateway')).toBe('1');
      }
    }
    expect(Object.fromEntries(statuses)).toEqual({ 502: 100 });
    expect([...bodies]).toEqual([JSON.stringify({ error: REFUSED })]);
    expect(world.upstreamRequests().length).toBeLessThanOrEqual(1);
  }, 60_000);

  it('/v1 says the same in English with its own code', async () => {
    world = await startGatewayWorld({ simulator: { tokens: [{ token: UPSTREAM_TOKEN, disabled: true }] } });
    const response = await world.get(`/v1/totals/${daysAgo(3)}`, { token: CLIENT_KEY, prefer: 'wait=10' });
    expect(response.status).toBe(502);
    const body = (await response.json()) as { code: string; error: string };
    expect(body.code).toBe('upstream-token-refused');
    expect(body.error).toContain("refused the gateway's own token (Token desabilitado); your client key is fine");
    expect(body.error).toContain('must update its CRM Zen token');
    // Again: from memory, no new upstream request.
    expect((await world.get(`/v1/totals/${daysAgo(4)}`, { token: CLIENT_KEY })).status).toBe(502);
    expect(world.upstreamRequests()).toHaveLength(1);
  }, 30_000);
});

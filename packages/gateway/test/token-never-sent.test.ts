import { todayInSaoPaulo } from '@zen-leads/core';
import { generateLeadTotalsPayload } from '@zen-leads/simulator';
import { afterEach, describe, expect, it } from 'vitest';
import { CLIENT_KEY, UPSTREAM_TOKEN, daysAgo, expectTokenAbsent, startGatewayWorld, type GatewayWorld } from './support/gateway-world.js';

let world: GatewayWorld | undefined;
afterEach(async () => {
  // close() scans every byte the gateway wrote to its sockets for the token.
  await world?.close();
  world = undefined;
});

/** Every route, every error, every representation, the dashboard signed out and in. */
async function touchEverything(target: GatewayWorld): Promise<void> {
  const day = daysAgo(2);
  const paths = [
    `/api/totais_lead?data=${day}`,
    `/api/totais_lead?data=${todayInSaoPaulo()}`,
    '/api/totais_lead?data=2026-02-30',
    '/api/totais_lead',
    `/v1/totals/${day}`,
    `/v1/totals/${day}/users.csv`,
    `/v1/totals/${day}/breakdown.csv`,
    `/v1/totals/${day}/summary.csv`,
    '/v1/totals/yesterday',
    '/healthz',
    '/metrics',
    '/',
    '/assets/dashboard.css',
    '/assets/icon.svg',
    '/nowhere',
  ];
  for (const path of paths) await target.get(path, { token: CLIENT_KEY, authorization: `Bearer ${CLIENT_KEY}`, prefer: 'wait=20' });
  await target.get(`/api/totais_lead?data=${day}`, { token: 'wrong-key-for-this-gateway-00' });
  await fetch(`${target.url}/api/totais_lead?data=${day}`, { method: 'POST', body: UPSTREAM_TOKEN });
  const login = await fetch(`${target.url}/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: target.url },
    body: new URLSearchParams({ key: CLIENT_KEY }).toString(),
    redirect: 'manual',
  });
  await target.get('/', { cookie: (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '' });
}

describe('the upstream token never leaves the gateway', () => {
  it('in any byte of any response: every route, error and page', async () => {
    const lines: string[] = [];
    world = await startGatewayWorld({ gateway: { log: (line) => lines.push(line) } });
    await touchEverything(world);
    expect(world.upstreamRequests().length).toBeGreaterThan(0);
    expectTokenAbsent(world.sentBytes());
    expect(lines.join('\n')).not.toContain(UPSTREAM_TOKEN);
  }, 60_000);

  it('nor when the upstream echoes it inside a 200 body (the core scrubs it before anything keeps it)', async () => {
    world = await startGatewayWorld({
      simulator: {
        dataFor: (token, date) => {
          const payload = generateLeadTotalsPayload(token, date) as { usuarios: { nome: string }[] };
          if (payload.usuarios[0]) payload.usuarios[0].nome = `Echo ${token}`;
          return payload;
        },
      },
    });
    // A day the seeded data gives users (some days have none), so there is a name to echo into.
    const day = [3, 4, 5, 6, 7, 8, 9, 10].map(daysAgo).find((d) => (generateLeadTotalsPayload(UPSTREAM_TOKEN, d) as { usuarios: unknown[] }).usuarios.length > 0);
    expect(day).toBeDefined();
    const response = await world.get(`/api/totais_lead?data=${day}`);
    expect(response.status).toBe(200);
    expect(world.upstreamBodies[0]?.body).toContain(UPSTREAM_TOKEN);
    expect(await response.text()).toContain('Echo [redacted]');
  });

  it('nor when the upstream refuses it: clients get a 502 saying the gateway’s token was refused, /healthz shows 401, neither names the token', async () => {
    const lines: string[] = [];
    world = await startGatewayWorld({ simulator: { tokens: ['some-other-token-entirely'] }, gateway: { log: (line) => lines.push(line) } });
    const response = await world.get(`/api/totais_lead?data=${daysAgo(3)}`);
    expect(response.status).toBe(502);
    expect(await response.json()).toEqual({ error: 'O token do gateway foi recusado pelo CRM Zen (Token inválido). Atualize o token do gateway.' });
    expect(await (await world.get('/healthz', {})).json()).toMatchObject({ upstream: { lastStatus: 401 } });
    await touchEverything(world);
    expect(lines.join('\n')).toContain('401');
    expect(lines.join('\n')).not.toContain(UPSTREAM_TOKEN);
  }, 60_000);
});

import { afterEach, describe, expect, it } from 'vitest';
import { API_MESSAGES } from '../src/index.js';
import { CLIENT_KEY, OTHER_CLIENT_KEY, daysAgo, startGatewayWorld, type GatewayWorld } from './support/gateway-world.js';

let world: GatewayWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

async function errorOf(response: Response): Promise<string> {
  return ((await response.json()) as { error: string }).error;
}

describe('days are queued fairly between client keys', () => {
  it('a key flooding 280 past days does not push another key’s yesterday back by more than 3 windows', async () => {
    world = await startGatewayWorld({ simulator: { windowMs: 300 }, gateway: { minIntervalMs: 300, maxQueuedDaysPerKey: 300, maxQueuedDays: 400 } });
    const flood = Array.from({ length: 280 }, (_, index) => daysAgo(10 + index));
    const answers = await Promise.all(flood.map((day) => world!.get(`/api/totais_lead?data=${day}`)));
    // Without Prefer: wait every day not in the cache is a 429 at once (the first may be sent at once).
    expect(answers.filter((response) => response.status === 429).length).toBeGreaterThanOrEqual(279);
    const yesterday = daysAgo(1);
    const sentBefore = world.upstreamRequests().length;
    const response = await world.get(`/api/totais_lead?data=${yesterday}`, { token: OTHER_CLIENT_KEY, prefer: 'wait=15' });
    expect(response.status).toBe(200);
    const log = world.upstreamRequests();
    const windowsWaited = log.findIndex((entry) => entry.date === yesterday) - sentBefore + 1;
    expect(windowsWaited).toBeGreaterThanOrEqual(1);
    expect(windowsWaited).toBeLessThanOrEqual(3);
    expect(log.every((entry) => entry.status === 200)).toBe(true);
  }, 60_000);
});

describe('the queue is capped per key and in all, and refuses days no account has', () => {
  /** A gateway whose window was just spent: what is queued now stays queued for 5 s. */
  async function busyWorld(gateway: Record<string, number> = {}): Promise<GatewayWorld> {
    const started = await startGatewayWorld({ simulator: { windowMs: 5_000 }, gateway: { minIntervalMs: 5_000, ...gateway } });
    expect((await started.get(`/api/totais_lead?data=${daysAgo(40)}`, { token: CLIENT_KEY, prefer: 'wait=10' })).status).toBe(200);
    return started;
  }

  it('a key’s 9th day is a 429 in the API’s format with Retry-After; the same day again and another key’s days are still queued', async () => {
    world = await busyWorld();
    for (let n = 1; n <= 8; n++) expect((await world.get(`/api/totais_lead?data=${daysAgo(n)}`)).status).toBe(429);
    const ninth = await world.get(`/api/totais_lead?data=${daysAgo(9)}`);
    expect(ninth.status).toBe(429);
    expect(Number(ninth.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await errorOf(ninth)).toMatch(/^Este token já tem 8 dias na fila do gateway, o máximo por token\. Aguarde .* tente novamente depois de \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.$/);
    // A day it already queued is no new day: the usual 429 with its expected time.
    const again = await world.get(`/api/totais_lead?data=${daysAgo(3)}`);
    expect(await errorOf(again)).toMatch(/^Você excedeu o número de requisições/);
    expect((await world.get(`/api/totais_lead?data=${daysAgo(9)}`, { token: OTHER_CLIENT_KEY })).status).toBe(429);
    const v1 = await world.get(`/v1/totals/${daysAgo(10)}`);
    expect(v1.status).toBe(429);
    expect(((await v1.json()) as { code: string }).code).toBe('key-queue-full');
    expect(world.upstreamRequests()).toHaveLength(1);
  }, 30_000);

  it('with the whole queue full, a new day is a 503 in the API’s format with Retry-After', async () => {
    world = await busyWorld({ maxQueuedDays: 3 });
    for (let n = 1; n <= 2; n++) expect((await world.get(`/api/totais_lead?data=${daysAgo(n)}`)).status).toBe(429);
    expect((await world.get(`/api/totais_lead?data=${daysAgo(3)}`, { token: OTHER_CLIENT_KEY })).status).toBe(429);
    const full = await world.get(`/api/totais_lead?data=${daysAgo(4)}`, { token: OTHER_CLIENT_KEY });
    expect(full.status).toBe(503);
    expect(Number(full.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await errorOf(full)).toMatch(/^A fila do gateway está cheia: 3 dias aguardam a janela do CRM Zen\. Tente novamente depois de /);
    const v1 = await world.get(`/v1/totals/${daysAgo(5)}`);
    expect(v1.status).toBe(503);
    expect(((await v1.json()) as { code: string }).code).toBe('queue-full');
  }, 30_000);

  it('a day before 2000-01-01 is refused with the API’s 400 and never queued', async () => {
    world = await startGatewayWorld();
    for (const day of ['0001-01-01', '1999-12-31']) {
      const response = await world.get(`/api/totais_lead?data=${day}`);
      expect(response.status).toBe(400);
      expect(await errorOf(response)).toBe(API_MESSAGES.dateInvalid);
      expect((await world.get(`/v1/totals/${day}`)).status).toBe(400);
    }
    expect(world.upstreamRequests()).toHaveLength(0);
    expect((await world.get('/api/totais_lead?data=2000-01-01', { token: CLIENT_KEY, prefer: 'wait=10' })).status).toBe(200);
  }, 30_000);
});

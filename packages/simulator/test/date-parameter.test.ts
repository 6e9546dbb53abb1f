import { describe, expect, it } from 'vitest';
import { createSimulator } from '../src/index.js';
import { API_URL, callApi, errorOf, manualClock } from './simulator-requests.js';

const MISSING = 'O parâmetro "data" é necessário';
const INVALID = 'Data inexistente ou em formato inválido';
// 2026-03-10 09:00 in São Paulo.
const NOW = Date.UTC(2026, 2, 10, 12);

function simulatorAtNow(options: Parameters<typeof createSimulator>[0] = {}) {
  return createSimulator({ now: manualClock(NOW).now, ...options });
}

describe('the data parameter', () => {
  it('answers 400 when it is missing', async () => {
    const response = await callApi(simulatorAtNow(), { token: 'demo-token' });
    expect(response.status).toBe(400);
    expect(await errorOf(response)).toBe(MISSING);
  });

  it('answers 400 "necessário" when it is empty', async () => {
    const response = await simulatorAtNow().handler(new Request(`${API_URL}?data=`, { headers: { token: 'demo-token' } }));
    expect(await errorOf(response)).toBe(MISSING);
  });

  it.each([
    '2026-02-30',
    '2025-02-29',
    '2026-13-01',
    '2026-00-10',
    '2026-01-00',
    '2026-2-1',
    '2026-02-1',
    '26-02-01',
    '2026/02/01',
    '01-02-2026',
    '2026-02-01T00:00:00',
    ' 2026-02-01',
    'ontem',
    '0000-01-01',
  ])('answers 400 "%s" as nonexistent or badly formatted', async (date) => {
    const response = await callApi(simulatorAtNow(), { token: 'demo-token', date });
    expect(response.status).toBe(400);
    expect(await errorOf(response)).toBe(INVALID);
  });

  it.each(['2024-02-29', '2025-12-31', '2026-03-10', '2018-01-01'])('accepts %s and echoes it', async (date) => {
    const response = await callApi(simulatorAtNow(), { token: 'demo-token', date });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { data: string }).data).toBe(date);
  });

  it('a 400 does not spend the window', async () => {
    const simulator = simulatorAtNow();
    await callApi(simulator, { token: 'demo-token', date: '2026-02-30' });
    await callApi(simulator, { token: 'demo-token' });
    expect((await callApi(simulator, { token: 'demo-token', date: '2026-03-01' })).status).toBe(200);
  });

  it('a 400 is answered even while the window is spent (the date is checked first)', async () => {
    const simulator = simulatorAtNow();
    expect((await callApi(simulator, { token: 'demo-token', date: '2026-03-01' })).status).toBe(200);
    expect(await errorOf(await callApi(simulator, { token: 'demo-token', date: '2026-02-30' }))).toBe(INVALID);
  });

  describe('a day after today in São Paulo', () => {
    // 2026-03-11 01:30 UTC is still 2026-03-10 (22:30) in São Paulo: the 11th is the future there.
    const lateEvening = Date.UTC(2026, 2, 11, 1, 30);

    it('answers 200 with no users and erros [] by default, spending the window', async () => {
      const simulator = createSimulator({ now: () => lateEvening });
      const response = await callApi(simulator, { token: 'demo-token', date: '2026-03-11' });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ data: '2026-03-11', usuarios: [], erros: [] });
      expect((await callApi(simulator, { token: 'demo-token', date: '2026-03-01' })).status).toBe(429);
    });

    it('answers 400 with futureDates: "reject", and today still answers', async () => {
      const simulator = createSimulator({ now: () => lateEvening, futureDates: 'reject' });
      expect(await errorOf(await callApi(simulator, { token: 'demo-token', date: '2026-03-11' }))).toBe(INVALID);
      expect((await callApi(simulator, { token: 'demo-token', date: '2026-03-10' })).status).toBe(200);
    });

    it('today in São Paulo is not the future even when UTC is already tomorrow', async () => {
      const simulator = createSimulator({ now: () => lateEvening });
      const seeded = (await simulator.payloadFor('demo-token', '2026-03-10')) as { usuarios: unknown[] };
      expect(seeded.usuarios.length).toBeGreaterThan(0); // so it cannot be mistaken for an empty future day
      const body = (await (await callApi(simulator, { token: 'demo-token', date: '2026-03-10' })).json()) as object;
      expect(body).toEqual(seeded);
    });
  });
});

describe('a repeated data parameter', () => {
  it('takes the last one, as PHP reads $_GET', async () => {
    const simulator = simulatorAtNow();
    const response = await simulator.handler(new Request(`${API_URL}?data=nada&data=2026-03-09`, { headers: { token: 'demo-token' } }));
    expect(response.status).toBe(200);
    expect(simulator.log[0]).toMatchObject({ date: '2026-03-09', status: 200 });
  });
});

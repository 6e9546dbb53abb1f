import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSimulator, tokenHash } from '../src/index.js';
import { API_URL, callApi, manualClock } from './simulator-requests.js';

const SECRET = 'sk-live-4f7c1e9a2b';
const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

describe('the request log', () => {
  it('records each request with time, method, path, date, token hash and status', async () => {
    const clock = manualClock(Date.UTC(2026, 2, 10, 12));
    const simulator = createSimulator({ now: clock.now, tokens: [SECRET] });
    await callApi(simulator, { token: SECRET, date: '2026-03-09' });
    clock.advance(1_000);
    await callApi(simulator, { token: SECRET, date: '2026-03-09' });
    clock.advance(1_000);
    await callApi(simulator, { method: 'POST' });
    expect(simulator.log).toEqual([
      { at: Date.UTC(2026, 2, 10, 12), method: 'GET', path: '/api/totais_lead', date: '2026-03-09', tokenHash: sha256(SECRET), status: 200 },
      { at: Date.UTC(2026, 2, 10, 12, 0, 1), method: 'GET', path: '/api/totais_lead', date: '2026-03-09', tokenHash: sha256(SECRET), status: 429 },
      { at: Date.UTC(2026, 2, 10, 12, 0, 2), method: 'POST', path: '/api/totais_lead', date: undefined, tokenHash: undefined, status: 405 },
    ]);
  });

  it('never holds the token itself', async () => {
    const simulator = createSimulator({ tokens: [SECRET], windowMs: 0 });
    await callApi(simulator, { token: SECRET, date: '2026-03-09' });
    await callApi(simulator, { token: `${SECRET}x`, date: '2026-03-09' });
    simulator.setFault({ kind: 'drop-connection', times: 1 });
    await callApi(simulator, { token: SECRET, date: '2026-03-09' }).catch(() => undefined);
    const printed = JSON.stringify(simulator.log);
    expect(simulator.log).toHaveLength(3);
    expect(printed).not.toContain(SECRET);
    expect(simulator.log[1]?.tokenHash).toBe(sha256(`${SECRET}x`));
  });

  it('keeps the date as sent, even an invalid one, and the path without the query', async () => {
    const simulator = createSimulator();
    await simulator.handler(new Request(`${API_URL.replace('/api/totais_lead', '/outra/rota')}?data=2026-2-1`, { headers: { token: 'demo-token' } }));
    expect(simulator.log[0]).toMatchObject({ path: '/outra/rota', date: '2026-2-1', status: 400 });
  });

  it('clearLog empties the same array the caller holds', async () => {
    const simulator = createSimulator();
    const log = simulator.log;
    await callApi(simulator, {});
    expect(log).toHaveLength(1);
    simulator.clearLog();
    expect(log).toHaveLength(0);
    await callApi(simulator, {});
    expect(simulator.log).toBe(log);
    expect(log).toHaveLength(1);
  });

  it('tokenHash is the SHA-256 hex of the token', async () => {
    expect(await tokenHash('demo-token')).toBe(sha256('demo-token'));
    expect(await tokenHash('ção')).toBe(sha256('ção'));
  });
});

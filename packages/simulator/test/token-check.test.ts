import { describe, expect, it } from 'vitest';
import { createSimulator } from '../src/index.js';
import { API_URL, callApi, errorOf, manualClock } from './simulator-requests.js';

const DATE = '2026-01-05';

describe('the token check', () => {
  it('accepts the demo token by default', async () => {
    const response = await callApi(createSimulator(), { token: 'demo-token', date: DATE });
    expect(response.status).toBe(200);
  });

  it('answers 401 "Token não informado" without a token header', async () => {
    const response = await callApi(createSimulator(), { date: DATE });
    expect(response.status).toBe(401);
    expect(await errorOf(response)).toBe('Token não informado');
  });

  it('answers 401 "Token não informado" for an empty token header', async () => {
    const response = await callApi(createSimulator(), { token: '', date: DATE });
    expect(await errorOf(response)).toBe('Token não informado');
  });

  it('reads the token from the header only, never from the URL', async () => {
    const simulator = createSimulator();
    const response = await simulator.handler(new Request(`${API_URL}?data=${DATE}&token=demo-token`));
    expect(response.status).toBe(401);
    expect(await errorOf(response)).toBe('Token não informado');
  });

  it('answers 401 "Token inválido" for an unknown token', async () => {
    const response = await callApi(createSimulator(), { token: 'not-a-token', date: DATE });
    expect(response.status).toBe(401);
    expect(await errorOf(response)).toBe('Token inválido');
  });

  it('answers 401 "Token desabilitado" for a disabled token', async () => {
    const simulator = createSimulator({ tokens: ['live', { token: 'old', disabled: true }] });
    const response = await callApi(simulator, { token: 'old', date: DATE });
    expect(response.status).toBe(401);
    expect(await errorOf(response)).toBe('Token desabilitado');
    expect((await callApi(simulator, { token: 'live', date: DATE })).status).toBe(200);
  });

  it('answers 401 "Acesso não autorizado" for a token without access', async () => {
    const simulator = createSimulator({ tokens: [{ token: 'other-area', unauthorized: true }] });
    const response = await callApi(simulator, { token: 'other-area', date: DATE });
    expect(response.status).toBe(401);
    expect(await errorOf(response)).toBe('Acesso não autorizado');
  });

  it('replaces the demo token when tokens are given', async () => {
    const simulator = createSimulator({ tokens: ['mine'] });
    expect(await errorOf(await callApi(simulator, { token: 'demo-token', date: DATE }))).toBe('Token inválido');
  });

  it('addToken adds an accepted or a disabled token at run time', async () => {
    const simulator = createSimulator();
    expect((await callApi(simulator, { token: 'new', date: DATE })).status).toBe(401);
    simulator.addToken('new');
    simulator.addToken('off', { disabled: true });
    expect((await callApi(simulator, { token: 'new', date: DATE })).status).toBe(200);
    expect(await errorOf(await callApi(simulator, { token: 'off', date: DATE }))).toBe('Token desabilitado');
  });

  it('comes before the date check', async () => {
    const response = await callApi(createSimulator(), { token: 'nope' });
    expect(await errorOf(response)).toBe('Token inválido');
  });

  it('a 401 does not spend any window', async () => {
    const clock = manualClock(Date.UTC(2026, 2, 10, 12));
    const simulator = createSimulator({ now: clock.now, tokens: ['a', { token: 'b', disabled: true }] });
    await callApi(simulator, { token: 'b', date: DATE });
    expect((await callApi(simulator, { token: 'a', date: DATE })).status).toBe(200);
  });
});

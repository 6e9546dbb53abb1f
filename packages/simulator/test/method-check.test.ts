import { describe, expect, it } from 'vitest';
import { createSimulator } from '../src/index.js';
import { callApi, errorOf, manualClock } from './simulator-requests.js';

const METHOD_NOT_ALLOWED = 'O método utilizado não é permitido para este recurso';

describe('the method check', () => {
  it.each(['POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'])('%s answers 405 with the API message', async (method) => {
    const simulator = createSimulator();
    const response = await callApi(simulator, { method, token: 'demo-token', date: '2026-01-05' });
    expect(response.status).toBe(405);
    expect(await errorOf(response)).toBe(METHOD_NOT_ALLOWED);
  });

  it('HEAD answers 405 too', async () => {
    const response = await callApi(createSimulator(), { method: 'HEAD', token: 'demo-token', date: '2026-01-05' });
    expect(response.status).toBe(405);
  });

  it('comes before the token and date checks', async () => {
    const response = await callApi(createSimulator(), { method: 'POST' });
    expect(response.status).toBe(405);
    expect(await errorOf(response)).toBe(METHOD_NOT_ALLOWED);
  });

  it('does not spend the token window', async () => {
    const clock = manualClock(Date.UTC(2026, 2, 10, 12));
    const simulator = createSimulator({ now: clock.now });
    await callApi(simulator, { method: 'POST', token: 'demo-token', date: '2026-03-01' });
    const response = await callApi(simulator, { token: 'demo-token', date: '2026-03-01' });
    expect(response.status).toBe(200);
  });
});

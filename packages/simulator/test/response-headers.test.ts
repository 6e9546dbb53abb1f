import { describe, expect, it } from 'vitest';
import { createSimulator } from '../src/index.js';
import { type ApiRequest, callApi } from './simulator-requests.js';

const NOW = Date.UTC(2026, 2, 10, 12, 34, 56);

const cases: [string, ApiRequest, number][] = [
  ['200', { token: 'demo-token', date: '2026-03-09' }, 200],
  ['405', { method: 'POST' }, 405],
  ['401', {}, 401],
  ['400', { token: 'demo-token' }, 400],
];

describe('the response headers', () => {
  it.each(cases)('a %s is JSON in UTF-8 with a Date header from the server clock', async (_label, request, status) => {
    const simulator = createSimulator({ now: () => NOW });
    const response = await callApi(simulator, request);
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('date')).toBe('Tue, 10 Mar 2026 12:34:56 GMT');
  });

  it('a 429 carries the Date header and no Retry-After (the API only says when in its message)', async () => {
    const simulator = createSimulator({ now: () => NOW });
    await callApi(simulator, { token: 'demo-token', date: '2026-03-09' });
    const response = await callApi(simulator, { token: 'demo-token', date: '2026-03-09' });
    expect(response.status).toBe(429);
    expect(response.headers.get('date')).toBe('Tue, 10 Mar 2026 12:34:56 GMT');
    expect(response.headers.get('retry-after')).toBeNull();
  });

  it('the body bytes are UTF-8: accents are encoded, not escaped', async () => {
    const response = await callApi(createSimulator(), { token: 'nope', date: '2026-03-09' });
    const bytes = new Uint8Array(await response.arrayBuffer());
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    expect(text).toBe('{"error":"Token inválido"}');
    // "á" is the two bytes C3 A1.
    expect(Buffer.from(bytes).includes(Buffer.from([0xc3, 0xa1]))).toBe(true);
  });
});

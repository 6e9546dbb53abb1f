import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { MemoryStore, ZenResponseError, createZenClient } from '../src/index.js';

const TOKEN = 'tok-ECHO-91c2ab';

function clientAnswering(body: string, store = new MemoryStore()) {
  let calls = 0;
  const client = createZenClient({
    url: 'https://crm.example.invalid/api',
    token: TOKEN,
    minIntervalMs: 0,
    windowMarginMs: 0,
    store,
    transport: async () => {
      calls++;
      return { status: 200, headers: new Headers(), body };
    },
  });
  return { client, store, calls: () => calls };
}

describe('200 answers are not trusted blindly', () => {
  it("refuses another day's totals, naming `data`, and caches nothing", async () => {
    const { client, calls } = clientAnswering(JSON.stringify({ data: '2026-11-20', usuarios: [], erros: [] }));
    const error = await client.getTotals('2026-11-21').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ZenResponseError);
    expect(error).toMatchObject({ path: 'data', status: 200 });
    expect((error as Error).message).toContain('totals of 2026-11-20 when asked for 2026-11-21');
    await client.getTotals('2026-11-21').catch(() => undefined);
    expect(calls()).toBe(2);
  });

  it.each([
    ['an HTML page', `<html><pre>token: ${TOKEN}</pre></html>`],
    ['a bad count', JSON.stringify({ data: '2026-11-21', usuarios: [{ nome: 'A', total_lead: TOKEN }] })],
    ['a bad day', JSON.stringify({ data: TOKEN, usuarios: [] })],
  ])('scrubs a token the server echoes in %s from the error', async (_label, body) => {
    const { client } = clientAnswering(body);
    const error = (await client.getTotals('2026-11-21').catch((e: unknown) => e)) as ZenResponseError;
    expect(error).toBeInstanceOf(ZenResponseError);
    for (const text of [error.message, JSON.stringify(error), inspect(error, { depth: 5 }), error.excerpt ?? '']) {
      expect(text).not.toContain(TOKEN);
    }
  });

  it('scrubs an echoed token from a valid day before it is cached', async () => {
    const store = new MemoryStore();
    const body = JSON.stringify({ data: '2026-11-21', usuarios: [{ nome: TOKEN, total_lead: '1' }], erros: [] });
    const { client } = clientAnswering(body, store);
    const totals = await client.getTotals('2026-11-21');
    expect(totals.users[0]?.name).toBe('[redacted]');
  });
});

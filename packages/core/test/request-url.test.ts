import { describe, expect, it } from 'vitest';
import { createZenClient } from '../src/index.js';

async function requestedUrl(url: string): Promise<string> {
  let seen = '';
  const client = createZenClient({
    url,
    token: 'tok-url',
    transport: async (request) => {
      seen = request.url;
      return { status: 200, headers: new Headers(), body: JSON.stringify({ data: '2026-11-24', usuarios: [], erros: [] }) };
    },
  });
  await client.getTotals('2026-11-24');
  return seen;
}

describe('the request URL', () => {
  it.each([
    ['https://crm.example.invalid/api/totais', 'https://crm.example.invalid/api/totais?data=2026-11-24'],
    ['https://crm.example.invalid/api/totais?conta=7&x=a%20b', 'https://crm.example.invalid/api/totais?conta=7&x=a+b&data=2026-11-24'],
    ['https://crm.example.invalid/api?data=1999-01-01&conta=7', 'https://crm.example.invalid/api?conta=7&data=2026-11-24'],
    ['https://crm.example.invalid/api?#painel', 'https://crm.example.invalid/api?data=2026-11-24'],
    ['https://crm.example.invalid/api?', 'https://crm.example.invalid/api?data=2026-11-24'],
  ])('%s → %s, the token never in it', async (url, expected) => {
    const sent = await requestedUrl(url);
    expect(sent).toBe(expected);
    expect(sent).not.toContain('tok-url');
  });
});

import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { RateLimitedError, ZenAuthError, ZenError, isZenError, ZenInputError } from '../src/errors.js';
import { createZenClient } from '../src/index.js';
import { authReasonOf, errorForStatus } from '../src/response.js';

const TOKEN = 'tok-ERRORS-7f3a9c';

describe('typed errors', () => {
  it('serialise to plain data: name, code, problem, hint, message, status, API message and their own fields', () => {
    const error = errorForStatus(401, JSON.stringify({ error: 'Token inválido' }));
    expect(error).toBeInstanceOf(ZenAuthError);
    expect(error.toJSON()).toEqual({
      name: 'ZenAuthError',
      code: 'ZEN_AUTH',
      problem: 'The API refused the token (401): "Token inválido".',
      hint: 'Copy the token again from CRM Zen → Integração.',
      message: 'The API refused the token (401): "Token inválido". Copy the token again from CRM Zen → Integração.',
      status: 401,
      apiMessage: 'Token inválido',
      reason: 'invalid',
    });
  });

  it('read the reason of each documented 401 message', () => {
    expect(authReasonOf('Token inválido')).toBe('invalid');
    expect(authReasonOf('Token desabilitado')).toBe('disabled');
    expect(authReasonOf('Token não informado')).toBe('missing');
    expect(authReasonOf('Acesso não autorizado')).toBe('unauthorized');
    expect(authReasonOf('???')).toBe('unknown');
  });

  it('carry retry times as ISO strings in JSON, with the window and the place in line', () => {
    const error = new RateLimitedError('Taken.', 'Later.', { reason: 'api', retryAt: new Date('2026-11-24T13:05:01Z'), retryAfterMs: 1000, windowMs: 300_000, status: 429, position: 2 });
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({ retryAt: '2026-11-24T13:05:01.000Z', retryAfterMs: 1000, status: 429, source: 'api', windowMs: 300_000, position: 2 });
  });

  it('are recognised across realms by a brand, not by instanceof', () => {
    const input = new ZenInputError('date', 'format', 'Bad date.', 'Fix it.');
    expect(isZenError(input)).toBe(true);
    expect(isZenError(new Error('x'))).toBe(false);
    expect(isZenError({ name: 'ZenError' })).toBe(false);
    expect(input).toBeInstanceOf(ZenError);
    expect(input.message).toBe('Bad date. Fix it.');
  });

  it('never end a sentence with two periods, whatever the server sent', () => {
    for (const body of ['', 'null', JSON.stringify({ error: 'Ocorreu um erro.' }), '<html>…'] as const) {
      for (const status of [400, 404, 500]) expect(errorForStatus(status, body).message, `${status} ${body}`).not.toMatch(/\.\.|"\."/);
    }
  });

  it('scrub a token the server echoes back, from message, JSON and inspect', async () => {
    for (const [status, body] of [
      [500, `<html>debug: token=${TOKEN}</html>`],
      [400, JSON.stringify({ error: `bad token ${TOKEN}` })],
      [401, JSON.stringify({ error: `Token inválido: ${TOKEN}` })],
    ] as const) {
      const client = createZenClient({ url: 'https://crm.example.invalid/api', token: TOKEN, retries: 0, transport: async () => ({ status, headers: new Headers(), body }) });
      const error = (await client.getTotals('2026-11-20').catch((e: unknown) => e)) as ZenError;
      expect(isZenError(error)).toBe(true);
      expect(error.message).not.toContain(TOKEN);
      expect(JSON.stringify(error)).not.toContain(TOKEN);
      expect(inspect(error, { depth: 10, showHidden: true })).not.toContain(TOKEN);
    }
  });
});

describe('a short token in a 200 body', () => {
  it('is scrubbed where it stands as a value, and the payload\'s own words survive ("lead" in total_lead)', async () => {
    const body = JSON.stringify({ data: '2026-11-20', usuarios: [{ nome: 'lead', total_lead: '2' }], erros: [] });
    const client = createZenClient({ url: 'https://crm.example.invalid/api', token: 'lead', retries: 0, transport: async () => ({ status: 200, headers: new Headers(), body }) });
    const result = await client.getTotalsResult('2026-11-20');
    expect(result.totals.users).toEqual([expect.objectContaining({ name: '[redacted]', totalLeads: 2 })]);
    expect(result.body).toContain('"total_lead"');
    expect(result.body).not.toContain('"lead"');
  });
});

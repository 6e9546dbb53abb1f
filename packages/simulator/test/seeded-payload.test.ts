import { describe, expect, it } from 'vitest';
import { createSimulator, generateLeadTotalsPayload, type LeadTotalsWirePayload } from '../src/index.js';
import { callApi, errorOf } from './simulator-requests.js';

function daysOf(year: number): string[] {
  const days: string[] = [];
  for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += 86_400_000) {
    days.push(new Date(t).toISOString().slice(0, 10));
  }
  return days;
}

const YEAR = daysOf(2025);
const TOKENS = ['demo-token', 'acme-imoveis', 'loja-centro'];
const PAYLOADS: LeadTotalsWirePayload[] = TOKENS.flatMap((token) => YEAR.map((date) => generateLeadTotalsPayload(token, date)));
const USERS = PAYLOADS.flatMap((payload) => payload.usuarios);
const ENTRIES = USERS.flatMap((user) => [...user.origem, ...user.segmento, ...user.automacao, ...user.produtos_e_servicos]);
const DIGITS = /^(0|[1-9]\d*)$/;
const sum = (entries: { quantidade: string }[]): number => entries.reduce((total, e) => total + Number(e.quantidade), 0);

describe('the seeded payload', () => {
  it('is the same for the same token and day, every time', () => {
    expect(generateLeadTotalsPayload('demo-token', '2025-06-01')).toEqual(generateLeadTotalsPayload('demo-token', '2025-06-01'));
  });

  it('differs between tokens and between days', () => {
    const june = (token: string) => YEAR.slice(150, 160).map((date) => generateLeadTotalsPayload(token, date));
    expect(june('acme-imoveis')).not.toEqual(june('loja-centro'));
    const days = new Set(YEAR.slice(0, 30).map((date) => JSON.stringify(generateLeadTotalsPayload('x', date).usuarios)));
    expect(days.size).toBeGreaterThan(20);
  });

  it('is what the simulator serves for the token, and `data` echoes the day', async () => {
    // Noon UTC: 2026-01-01 in São Paulo, so every day asked is closed (today grows; see growing-today.test.ts).
    const simulator = createSimulator({ tokens: ['acme-imoveis'], windowMs: 0, now: () => Date.UTC(2026, 0, 1, 12) });
    for (const date of ['2025-01-01', '2025-07-14', '2025-12-31']) {
      const response = await callApi(simulator, { token: 'acme-imoveis', date });
      const body = (await response.json()) as LeadTotalsWirePayload;
      expect(body).toEqual(generateLeadTotalsPayload('acme-imoveis', date));
      expect(body.data).toBe(date);
    }
  });

  it('mixes the seed option in, and payloadFor says what will be served', async () => {
    const simulator = createSimulator({ seed: 42, windowMs: 0, now: () => Date.UTC(2026, 0, 1) });
    const served = await (await callApi(simulator, { token: 'demo-token', date: '2025-05-05' })).json();
    expect(served).toEqual(await simulator.payloadFor('demo-token', '2025-05-05'));
    expect(served).toEqual(generateLeadTotalsPayload('42/demo-token', '2025-05-05'));
    const days = YEAR.slice(0, 10);
    const plain = days.map((date) => generateLeadTotalsPayload('demo-token', date));
    expect(days.map((date) => generateLeadTotalsPayload('42/demo-token', date))).not.toEqual(plain);
  });

  it('sends every count as a string of digits, as PHP does', () => {
    expect(USERS.filter((user) => !DIGITS.test(user.total_lead))).toEqual([]);
    expect(ENTRIES.filter((entry) => typeof entry.quantidade !== 'string' || !DIGITS.test(entry.quantidade))).toEqual([]);
    for (const payload of PAYLOADS) {
      if (Array.isArray(payload.erros)) continue;
      for (const count of Object.values(payload.erros)) expect(count).toMatch(DIGITS);
      expect(Object.keys(payload.erros).sort()).toEqual(['com_erro', 'duplicados', 'limite_de_contatos', 'sem_agrupamento']);
    }
  });

  it('sends codigo as a string of digits on most days and as a number on some', () => {
    const numeric = ENTRIES.filter((entry) => typeof entry.codigo === 'number');
    const text = ENTRIES.filter((entry) => typeof entry.codigo === 'string');
    expect(numeric.length).toBeGreaterThan(0);
    expect(text.length).toBeGreaterThan(numeric.length);
    for (const entry of text) expect(entry.codigo).toMatch(/^[1-9]\d*$/);
  });

  it('keeps total_lead equal to the sum of the origins when there are origins', () => {
    for (const user of USERS) {
      if (user.origem.length > 0) expect(sum(user.origem)).toBe(Number(user.total_lead));
    }
  });

  it('never counts more segment, automation or product leads than the user total', () => {
    for (const user of USERS) {
      for (const breakdown of [user.segmento, user.automacao, user.produtos_e_servicos]) {
        expect(sum(breakdown)).toBeLessThanOrEqual(Number(user.total_lead));
      }
    }
  });

  it('has each breakdown empty ([]) on some users, and users with no leads at all', () => {
    for (const key of ['origem', 'segmento', 'automacao', 'produtos_e_servicos'] as const) {
      const empty = USERS.filter((user) => Array.isArray(user[key]) && user[key].length === 0);
      expect(empty.length, key).toBeGreaterThan(0);
      expect(empty.length, key).toBeLessThan(USERS.length);
    }
    expect(USERS.some((user) => user.total_lead === '0')).toBe(true);
    expect(USERS.some((user) => user.origem.length === 0 && user.total_lead !== '0')).toBe(true);
  });

  it('has days with no users, days with erros [], days with zero and nonzero error counts', () => {
    expect(PAYLOADS.some((payload) => payload.usuarios.length === 0)).toBe(true);
    expect(PAYLOADS.some((payload) => Array.isArray(payload.erros) && payload.erros.length === 0)).toBe(true);
    const counts = PAYLOADS.flatMap((payload) => (Array.isArray(payload.erros) ? [] : Object.values(payload.erros)));
    expect(counts).toContain('0');
    expect(counts.some((count) => count !== '0')).toBe(true);
  });

  it('names users like Brazilians, accents included, and keeps each account team stable', () => {
    expect(USERS.some((user) => /[áâãàçéêíóôõúÁÉÍÓÚÂÊÔÃÕÇ]/.test(user.nome))).toBe(true);
    for (const user of USERS) expect(user.nome).toMatch(/^\p{Lu}\p{Ll}+( \p{Lu}\p{Ll}+)+$/u);
    const teamOf = (token: string) =>
      new Set(YEAR.flatMap((date) => generateLeadTotalsPayload(token, date).usuarios.map((user) => user.nome)));
    const team = teamOf('acme-imoveis');
    expect(team.size).toBeGreaterThanOrEqual(3);
    expect(team.size).toBeLessThanOrEqual(10);
  });

  it('lists each origin once per user, with realistic names', () => {
    const origins = new Set(ENTRIES.map((entry) => entry.nome));
    expect([...origins].some((name) => ['Site', 'Facebook Ads', 'Google Ads', 'Indicação', 'WhatsApp'].includes(name))).toBe(true);
    for (const user of USERS) {
      const names = user.origem.map((entry) => entry.nome);
      expect(new Set(names).size).toBe(names.length);
    }
  });

  describe('the dataFor hook', () => {
    it('serves what it returns, as is, and falls back to the seeded day on undefined', async () => {
      const odd = { data: '2025-01-02', usuarios: [{ nome: 'X', total_lead: 'muitos' }], erros: {} };
      const simulator = createSimulator({
        windowMs: 0,
        now: () => Date.UTC(2026, 0, 1),
        dataFor: (_token, date) => (date === '2025-01-02' ? odd : undefined),
      });
      expect(await (await callApi(simulator, { token: 'demo-token', date: '2025-01-02' })).json()).toEqual(odd);
      expect(await (await callApi(simulator, { token: 'demo-token', date: '2025-01-03' })).json()).toEqual(
        generateLeadTotalsPayload('demo-token', '2025-01-03'),
      );
    });

    it('answers the API 500 when it throws', async () => {
      const simulator = createSimulator({
        dataFor: () => {
          throw new Error('database down');
        },
      });
      const response = await callApi(simulator, { token: 'demo-token', date: '2025-01-02' });
      expect(response.status).toBe(500);
      expect(await errorOf(response)).toBe('Ocorreu um erro interno do servidor. Por favor, tente novamente.');
    });
  });
});

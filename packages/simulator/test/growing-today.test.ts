import { describe, expect, it } from 'vitest';
import {
  createSimulator,
  generateLeadTotalsPayload,
  type LeadTotalsWirePayload,
  todayLeadsAt,
  type WireBreakdownEntry,
} from '../src/index.js';
import { callApi } from './simulator-requests.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const TOKENS = ['demo-token', 'acme-imoveis', 'loja-centro'];
const DAYS = Array.from({ length: 40 }, (_, i) => new Date(Date.UTC(2026, 2, 1) + i * DAY).toISOString().slice(0, 10));
const CASES = TOKENS.flatMap((seed) => DAYS.map((date) => ({ seed, date })));
/** Every half hour, and 24:00. */
const TIMES = Array.from({ length: 49 }, (_, i) => i * 30 * 60_000);
/** A fault that changes nothing but takes the general path (no 24:00 short cut). */
const NO_OP = [{ kind: 'problems-pile-up', from: '00:00', perHour: 0 }] as const;

const totalOf = (payload: LeadTotalsWirePayload): number => payload.usuarios.reduce((sum, user) => sum + Number(user.total_lead), 0);
const sum = (entries: readonly WireBreakdownEntry[]): number => entries.reduce((total, e) => total + Number(e.quantidade), 0);

/** Every count of a payload by a stable name: user, breakdown entry, error. */
function countsOf(payload: LeadTotalsWirePayload): Map<string, number> {
  const counts = new Map<string, number>();
  for (const user of payload.usuarios) {
    counts.set(`${user.nome}|total`, Number(user.total_lead));
    for (const key of ['origem', 'segmento', 'automacao', 'produtos_e_servicos'] as const) {
      for (const entry of user[key]) counts.set(`${user.nome}|${key}|${entry.codigo}`, Number(entry.quantidade));
    }
  }
  if (!Array.isArray(payload.erros)) for (const [field, n] of Object.entries(payload.erros)) counts.set(`erros|${field}`, Number(n));
  return counts;
}

describe('today grows through the São Paulo day', () => {
  it('is the seeded day at 24:00, byte for byte, by the short cut and by replaying every arrival', () => {
    for (const { seed, date } of CASES) {
      const seeded = JSON.stringify(generateLeadTotalsPayload(seed, date));
      expect(JSON.stringify(todayLeadsAt(seed, date, DAY))).toBe(seeded);
      expect(JSON.stringify(todayLeadsAt(seed, date, DAY, { faults: NO_OP }))).toBe(seeded);
    }
  });

  it('starts at zero, never decreases, and keeps every breakdown within its user as the seeded day does', () => {
    for (const { seed, date } of CASES) {
      const final = generateLeadTotalsPayload(seed, date);
      let previous = new Map<string, number>();
      for (const ms of TIMES) {
        const payload = todayLeadsAt(seed, date, ms, { faults: NO_OP });
        expect(payload.data).toBe(date);
        expect(payload.usuarios.map((u) => u.nome)).toEqual(final.usuarios.map((u) => u.nome));
        if (ms === 0) expect(totalOf(payload)).toBe(0);
        const counts = countsOf(payload);
        for (const [name, n] of previous) expect(counts.get(name) ?? 0, `${seed} ${date} ${ms} ${name}`).toBeGreaterThanOrEqual(n);
        for (const [i, user] of payload.usuarios.entries()) {
          const seededUser = final.usuarios[i];
          const total = Number(user.total_lead);
          // total_lead is the sum of the origins whenever the seeded user has origins and a lead arrived.
          if (seededUser?.origem.length && total > 0) expect(sum(user.origem)).toBe(total);
          for (const key of ['segmento', 'automacao', 'produtos_e_servicos'] as const) expect(sum(user[key])).toBeLessThanOrEqual(total);
          expect(user.origem.every((e) => seededUser?.origem.some((s) => s.codigo === e.codigo && s.nome === e.nome))).toBe(true);
        }
        previous = counts;
      }
      expect(countsOf(todayLeadsAt(seed, date, DAY, { faults: NO_OP }))).toEqual(countsOf(final));
    }
  });

  it('follows an hourly curve: quiet nights, busy mornings and afternoons, so 10:00 is below 16:00', () => {
    const perHour = Array.from({ length: 24 }, () => 0);
    let lower = 0;
    for (const { seed, date } of CASES) {
      const at = (hour: number): number => totalOf(todayLeadsAt(seed, date, hour * HOUR));
      for (let hour = 0; hour < 24; hour += 1) perHour[hour] = (perHour[hour] ?? 0) + at(hour + 1) - at(hour);
      if (at(10) < at(16)) lower += 1;
    }
    const all = perHour.reduce((a, b) => a + b, 0);
    const share = (from: number, to: number): number => perHour.slice(from, to).reduce((a, b) => a + b, 0) / all;
    expect(share(0, 6)).toBeLessThan(0.03);
    expect(share(9, 12)).toBeGreaterThan(0.15);
    expect(share(14, 18)).toBeGreaterThan(0.22);
    // Every day with leads has more by 16:00 than by 10:00 (the few empty ones have none either time).
    expect(lower).toBeGreaterThan(CASES.length * 0.85);
  });

  it('is the same for the same seed, day and time, and differs between times', () => {
    expect(todayLeadsAt('demo-token', '2026-03-10', 11 * HOUR)).toEqual(todayLeadsAt('demo-token', '2026-03-10', 11 * HOUR));
    const noon = CASES.map(({ seed, date }) => totalOf(todayLeadsAt(seed, date, 12 * HOUR)));
    const evening = CASES.map(({ seed, date }) => totalOf(todayLeadsAt(seed, date, 19 * HOUR)));
    expect(noon).not.toEqual(evening);
  });
});

describe('the simulator answers today so far', () => {
  // 2026-03-10 14:30 in São Paulo (UTC-3).
  const NOW = Date.UTC(2026, 2, 10, 17, 30);

  it('by its own clock by default; a past day whole; payloadFor says the same', async () => {
    const simulator = createSimulator({ windowMs: 0, now: () => NOW });
    const today = await (await callApi(simulator, { token: 'demo-token', date: '2026-03-10' })).json();
    expect(today).toEqual(todayLeadsAt('demo-token', '2026-03-10', 14.5 * HOUR));
    expect(totalOf(today as LeadTotalsWirePayload)).toBeLessThan(totalOf(generateLeadTotalsPayload('demo-token', '2026-03-10')));
    expect(await simulator.payloadFor('demo-token', '2026-03-10')).toEqual(today);
    const yesterday = await (await callApi(simulator, { token: 'demo-token', date: '2026-03-09' })).text();
    expect(yesterday).toBe(JSON.stringify(generateLeadTotalsPayload('demo-token', '2026-03-09')));
  });

  it('by today.timeOfDay when given, with the seed option mixed in; clamped to 24:00', async () => {
    let ms = 9 * HOUR;
    const simulator = createSimulator({ windowMs: 0, seed: 7, now: () => NOW, today: { timeOfDay: () => ms } });
    const at = async (): Promise<unknown> => (await callApi(simulator, { token: 'demo-token', date: '2026-03-10' })).json();
    expect(await at()).toEqual(todayLeadsAt('7/demo-token', '2026-03-10', 9 * HOUR));
    ms = 30 * HOUR;
    expect(await at()).toEqual(generateLeadTotalsPayload('7/demo-token', '2026-03-10'));
  });

  it('whole at once with today: false, as before', async () => {
    const simulator = createSimulator({ windowMs: 0, now: () => NOW, today: false });
    const today = await (await callApi(simulator, { token: 'demo-token', date: '2026-03-10' })).text();
    expect(today).toBe(JSON.stringify(generateLeadTotalsPayload('demo-token', '2026-03-10')));
  });

  it("serves dataFor's payload as it is, today too", async () => {
    const simulator = createSimulator({ windowMs: 0, now: () => NOW, dataFor: () => ({ data: 'x', usuarios: [], erros: [] }) });
    expect(await (await callApi(simulator, { token: 'demo-token', date: '2026-03-10' })).json()).toEqual({ data: 'x', usuarios: [], erros: [] });
  });
});

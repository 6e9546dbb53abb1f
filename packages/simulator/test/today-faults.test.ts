import { describe, expect, it } from 'vitest';
import { createSimulator, generateLeadTotalsPayload, type LeadTotalsWirePayload, type TodayFault, todayLeadsAt } from '../src/index.js';
import { callApi } from './simulator-requests.js';

const HOUR = 3_600_000;
const MINUTE = 60_000;
const DATE = '2026-03-10';
// 2026-03-10 14:30 in São Paulo: the date is today; the time of day comes from timeOfDay.
const NOW = Date.UTC(2026, 2, 10, 17, 30);

/** A token whose seeded DATE has a team of at least 3 and a clear busiest seller. */
const SEED = ['demo-token', 'acme-imoveis', 'loja-centro', 'casa-nova', 'auto-sul'].find((seed) => {
  const totals = generateLeadTotalsPayload(seed, DATE).usuarios.map((u) => Number(u.total_lead)).sort((a, b) => b - a);
  return totals.length >= 3 && (totals[0] ?? 0) >= 20 && (totals[0] ?? 0) > (totals[1] ?? 0);
}) as string;
const FINAL = generateLeadTotalsPayload(SEED, DATE);
const BUSIEST = [...FINAL.usuarios].sort((a, b) => Number(b.total_lead) - Number(a.total_lead))[0]?.nome as string;

const totalOf = (payload: LeadTotalsWirePayload): number => payload.usuarios.reduce((sum, user) => sum + Number(user.total_lead), 0);
const userTotal = (payload: LeadTotalsWirePayload, name: string): number =>
  Number(payload.usuarios.find((user) => user.nome === name)?.total_lead ?? Number.NaN);
const errorCount = (payload: LeadTotalsWirePayload, field: 'com_erro' | 'duplicados'): number =>
  Array.isArray(payload.erros) ? 0 : Number(payload.erros[field]);
const at = (ms: number, faults?: readonly TodayFault[]): LeadTotalsWirePayload => todayLeadsAt(SEED, DATE, ms, { faults });

describe('a seller who stops receiving', () => {
  const stop: TodayFault[] = [{ kind: 'seller-stops', from: '10:00', until: '15:00' }];

  it('gets nothing in [from, until) (the busiest by default); the others get their leads; none is lost', () => {
    expect(SEED).toBeDefined();
    const frozen = userTotal(at(10 * HOUR, stop), BUSIEST);
    for (let ms = 10 * HOUR; ms <= 15 * HOUR; ms += 10 * MINUTE) {
      const payload = at(ms, stop);
      expect(userTotal(payload, BUSIEST)).toBe(frozen);
      expect(totalOf(payload)).toBe(totalOf(at(ms)));
    }
    // Without the stop they would have received some in those five hours.
    expect(userTotal(at(15 * HOUR), BUSIEST)).toBeGreaterThan(frozen);
    // From `until` they receive again; the day ends with the leads of the stop at the others.
    expect(userTotal(at(24 * HOUR, stop), BUSIEST)).toBeGreaterThan(frozen);
    expect(totalOf(at(24 * HOUR, stop))).toBe(totalOf(FINAL));
    const origins = (p: LeadTotalsWirePayload) => p.usuarios.filter((u) => u.origem.length > 0);
    for (const user of origins(at(24 * HOUR, stop))) {
      expect(user.origem.reduce((sum, e) => sum + Number(e.quantidade), 0)).toBe(Number(user.total_lead));
    }
  });

  it('stops the seller named, and ignores a name not on the day’s team', () => {
    const other = FINAL.usuarios.find((user) => user.nome !== BUSIEST && Number(user.total_lead) >= 5)?.nome as string;
    const named: TodayFault[] = [{ kind: 'seller-stops', seller: other, from: '00:00' }];
    expect(userTotal(at(24 * HOUR, named), other)).toBe(0);
    expect(totalOf(at(24 * HOUR, named))).toBe(totalOf(FINAL));
    const nobody: TodayFault[] = [{ kind: 'seller-stops', seller: 'Ninguém Daqui', from: '00:00' }];
    expect(at(24 * HOUR, nobody)).toEqual(FINAL);
  });
});

describe('problem leads piling up', () => {
  it('adds perHour of the problem (withError by default) through its stretch', () => {
    const base = (ms: number) => at(ms);
    const faults: TodayFault[] = [
      { kind: 'problems-pile-up', from: '10:00', until: '12:00', perHour: 6 },
      { kind: 'problems-pile-up', problem: 'duplicates', from: '11:00', perHour: 4 },
    ];
    expect(errorCount(at(10 * HOUR, faults), 'com_erro')).toBe(errorCount(base(10 * HOUR), 'com_erro'));
    expect(errorCount(at(11 * HOUR, faults), 'com_erro')).toBe(errorCount(base(11 * HOUR), 'com_erro') + 6);
    expect(errorCount(at(13 * HOUR, faults), 'com_erro')).toBe(errorCount(base(13 * HOUR), 'com_erro') + 12);
    expect(errorCount(at(13.5 * HOUR, faults), 'duplicados')).toBe(errorCount(base(13.5 * HOUR), 'duplicados') + 10);
    expect(at(13 * HOUR, faults).usuarios).toEqual(base(13 * HOUR).usuarios);
  });
});

describe('simulator.setToday', () => {
  function fastDay() {
    let ms = 8 * HOUR;
    const simulator = createSimulator({ tokens: [SEED], windowMs: 0, now: () => NOW, today: { timeOfDay: () => ms } });
    const ask = async (): Promise<LeadTotalsWirePayload> =>
      (await callApi(simulator, { token: SEED, date: DATE })).json() as Promise<LeadTotalsWirePayload>;
    return { simulator, ask, to: (next: number) => void (ms = next) };
  }

  it('flips a seller off and on: the change rewrites only what comes after it, so no count goes down', async () => {
    const { simulator, ask, to } = fastDay();
    const seen: LeadTotalsWirePayload[] = [];
    const script: Record<number, () => void> = {
      [10 * HOUR]: () => simulator.setToday({ faults: [{ kind: 'seller-stops', seller: BUSIEST, from: '00:00' }] }),
      [12 * HOUR]: () => simulator.setToday({ faults: [] }),
      [14 * HOUR]: () => simulator.setToday({ faults: [{ kind: 'seller-stops', seller: BUSIEST, from: '00:00' }] }),
      [16 * HOUR]: () => simulator.setToday({}),
    };
    for (let ms = 8 * HOUR; ms <= 20 * HOUR; ms += 5 * MINUTE) {
      to(ms);
      script[ms]?.();
      seen.push(await ask());
    }
    const busiest = seen.map((payload) => userTotal(payload, BUSIEST));
    const step = (hour: number) => (hour - 8) * 12;
    for (let i = 1; i < seen.length; i += 1) {
      const [before, after] = [seen[i - 1] as LeadTotalsWirePayload, seen[i] as LeadTotalsWirePayload];
      for (const user of after.usuarios) expect(userTotal(after, user.nome)).toBeGreaterThanOrEqual(userTotal(before, user.nome));
    }
    // Off from 10:00 to 12:00 and from 14:00 to 16:00: nothing new; on between: their leads again.
    expect(new Set(busiest.slice(step(10), step(12) + 1)).size).toBe(1);
    expect(new Set(busiest.slice(step(14), step(16) + 1)).size).toBe(1);
    expect(busiest[step(14)]).toBeGreaterThan(busiest[step(12)] as number);
    expect(busiest[step(20)]).toBeGreaterThan(busiest[step(16)] as number);
    // Leads are moved, never lost: every answer counts the day's arrivals so far.
    for (const [i, payload] of seen.entries()) expect(totalOf(payload)).toBe(totalOf(at(8 * HOUR + i * 5 * MINUTE)));
  });

  it('keeps the clock when timeOfDay is omitted, and false answers today whole', async () => {
    const { simulator, ask, to } = fastDay();
    to(9 * HOUR);
    simulator.setToday({});
    expect(await ask()).toEqual(at(9 * HOUR));
    simulator.setToday(false);
    expect(await ask()).toEqual(FINAL);
    simulator.setToday({ timeOfDay: () => 11 * HOUR });
    expect(await ask()).toEqual(at(11 * HOUR));
  });

  it('refuses a malformed fault with the field and the fix, and keeps the script in force', async () => {
    expect(() => createSimulator({ today: { faults: [{ kind: 'seller-stops', from: '25:00' }] } })).toThrow(
      /today\.faults\[0\]\.from must be a São Paulo time HH:MM between 00:00 and 24:00, got "25:00"/,
    );
    const { simulator, ask, to } = fastDay();
    simulator.setToday({ faults: [{ kind: 'problems-pile-up', from: '08:00', perHour: 60 }] });
    expect(() => simulator.setToday({ faults: [{ kind: 'problems-pile-up', from: '08:00', perHour: -1 }] })).toThrow(/perHour/);
    expect(() => simulator.setToday({ faults: [{ kind: 'seller-stops', from: '12:00', until: '09:00' }] })).toThrow(/before its from/);
    to(9 * HOUR);
    expect(errorCount(await ask(), 'com_erro')).toBe(errorCount(at(9 * HOUR), 'com_erro') + 60);
  });

  it('a change at an earlier time (a test clock sent back) governs from that time; faults in force at midnight carry into the next day', async () => {
    const { simulator, ask, to } = fastDay();
    to(12 * HOUR);
    simulator.setToday({ faults: [{ kind: 'seller-stops', from: '00:00' }] });
    to(11 * HOUR);
    simulator.setToday({ faults: [] });
    to(13 * HOUR);
    expect(await ask()).toEqual(at(13 * HOUR));

    let now = NOW;
    const byClock = createSimulator({ tokens: [SEED], windowMs: 0, now: () => now });
    byClock.setToday({ faults: [{ kind: 'seller-stops', from: '00:00' }] });
    now = Date.UTC(2026, 2, 11, 12); // 09:00 of the next São Paulo day
    const next = (await (await callApi(byClock, { token: SEED, date: '2026-03-11' })).json()) as LeadTotalsWirePayload;
    expect(next).toEqual(todayLeadsAt(SEED, '2026-03-11', 9 * HOUR, { faults: [{ kind: 'seller-stops', from: '00:00' }] }));
    expect(next).not.toEqual(todayLeadsAt(SEED, '2026-03-11', 9 * HOUR));
  });
});

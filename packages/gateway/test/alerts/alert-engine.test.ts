import { describe, expect, it } from 'vitest';
import type { Alert, TodaySnapshot } from '../../src/alerts/alert.js';
import { AlertEngine, type AlertClaimStore } from '../../src/alerts/alert-engine.js';
import { parseAlertRules } from '../../src/alerts/parse-alert-rules.js';
import { DATE, SILENT, at, engineOf, runSilentDay, sharedStore, snapshot, times } from './support/day-of-snapshots.js';

describe('AlertEngine: seller-silent', () => {
  it('fires once when a seller stops while the others receive, and again after they received and stopped again', async () => {
    const delivered: Alert[] = [];
    const engine = engineOf(SILENT, { delivered });
    // Ana stops 09:35–10:40 and from 11:00 on; the day runs 09:00–11:55.
    const fired = await runSilentDay([engine], (time) => (time >= '09:35' && time < '10:40') || time >= '11:00');
    expect(fired.map((alert) => [alert.seller, alert.at])).toEqual([
      ['Ana', at('10:00').toISOString()], // her count last grew in the 09:30 snapshot: 30 minutes on
      ['Ana', at('11:25').toISOString()], // it last grew at 10:55
    ]);
    expect(delivered).toEqual(fired);
    expect(fired[0]).toMatchObject({ rule: 'quiet', kind: 'seller-silent', date: DATE, threshold: 30 });
    expect(fired[0]!.value).toBeGreaterThanOrEqual(30);
    expect(fired[0]!.id).toMatch(/^[0-9a-f]{64}$/);
    expect(fired[1]!.id).not.toBe(fired[0]!.id);
    expect(fired[0]!.text).toBe('Ana não recebe leads novos há 30 minutos, enquanto os outros vendedores receberam 6.');
    // Every language the dashboard speaks, so a viewer reads the alert in theirs.
    expect(fired[0]!.texts).toEqual({
      'pt-BR': fired[0]!.text,
      en: 'Ana has received no new leads in 30 minutes, while the other sellers received 6.',
    });
    expect(engine.firing().map((alert) => alert.id)).toEqual([fired[1]!.id]);
    expect(engine.alerts().map((alert) => alert.id)).toEqual([fired[1]!.id, fired[0]!.id]);
    expect(engine.firedByKind()['seller-silent']).toBe(2);
  });

  it('counts silence only inside business hours, and only for the sellers in scope', async () => {
    const evening = engineOf(SILENT);
    expect(await runSilentDay([evening], (time) => time >= '19:40', '19:00', 20)).toEqual([]);
    const scoped = engineOf(`${SILENT}    sellers: [Bruno]\n`);
    expect(await runSilentDay([scoped], (time) => time >= '09:35')).toEqual([]);
  });

  it('stays quiet while the others did not receive enough meanwhile', async () => {
    const engine = engineOf(SILENT.replace('othersAtLeast: 3', 'othersAtLeast: 50'));
    expect(await runSilentDay([engine], (time) => time >= '09:35')).toEqual([]);
  });

  it('two replicas sharing a store post each alert once, and re-arm together', async () => {
    const store = sharedStore();
    const delivered: Alert[] = [];
    const [first, second] = [engineOf(SILENT, { store, delivered }), engineOf(SILENT, { store, delivered })];
    await runSilentDay([first!, second!], (time) => (time >= '09:35' && time < '10:40') || time >= '11:00');
    expect(delivered.map((alert) => alert.at)).toEqual([at('10:00').toISOString(), at('11:25').toISOString()]);
    expect(second!.firing()).toEqual(first!.firing());
    expect(second!.alerts()).toEqual(first!.alerts());
  });

  it('a store that fails fires nothing then, and fires with the next snapshot once it answers', async () => {
    let down = true;
    const store = sharedStore();
    const flaky: AlertClaimStore = { setIfAbsent: (key, value, ttl) => (down ? Promise.reject(new Error('store down')) : store.setIfAbsent(key, value, ttl)) };
    const lines: string[] = [];
    const engine = new AlertEngine({ rules: parseAlertRules(SILENT, 'a.yaml'), store: flaky, log: (line) => lines.push(line) });
    let ana = 0;
    const fired: Alert[] = [];
    for (const [index, time] of times('09:00', 20).entries()) {
      if (time < '09:35') ana += 1;
      if (time === '10:15') down = false;
      fired.push(...(await engine.observe(snapshot(time, { Ana: ana, Bruno: index + 1 }))));
    }
    expect(fired.map((alert) => alert.at)).toEqual([at('10:15').toISOString()]);
    expect(lines.some((line) => line.includes('could not claim'))).toBe(true);
  });
});

describe('AlertEngine: problem-count', () => {
  const RULES = 'lang: en\nrules:\n  - name: jump\n    kind: problem-count\n    problem: withError\n    increaseBy: 5\n  - name: many\n    kind: problem-count\n    above: 10\n';

  it('fires on each jump since the last snapshot, and once when the day passes the bound', async () => {
    const engine = engineOf(RULES);
    const withError = [0, 2, 8, 9, 15, 16, 16];
    const fired: Alert[] = [];
    for (const [index, time] of times('09:00', withError.length).entries()) {
      fired.push(...(await engine.observe(snapshot(time, { Ana: index }, { withError: withError[index], duplicates: 1 }))));
    }
    expect(fired.map((alert) => [alert.rule, alert.at, alert.value, alert.threshold])).toEqual([
      ['jump', at('09:10').toISOString(), 6, 5],
      ['jump', at('09:20').toISOString(), 6, 5],
      ['many', at('09:20').toISOString(), 16, 10], // any = withError + duplicates
    ]);
    expect(fired[0]!.text).toBe('Leads with an error went up by 6 since the last update, to 8 today.');
    expect(fired[2]!.text).toBe('Problem leads today: 16, above the limit of 10.');
  });

  it('judges a jump from the previous snapshot the caller passes (read from the history after a restart)', async () => {
    const engine = engineOf(RULES);
    const previous = snapshot('13:55', { Ana: 3 }, { withError: 2 });
    const fired = await engine.observe(snapshot('14:00', { Ana: 3 }, { withError: 9 }), { previous });
    expect(fired.map((alert) => [alert.rule, alert.value])).toEqual([['jump', 7]]);
  });

  it('judges no jump from the first snapshot it sees (it may come hours into the day)', async () => {
    const engine = engineOf(RULES);
    expect(await engine.observe(snapshot('14:00', { Ana: 3 }, { withError: 9 }))).toEqual([]);
  });
});

describe('AlertEngine: below-typical', () => {
  // A typical day: 10 leads an hour around the clock (cumulative at each hour's end).
  const typical = Array.from({ length: 24 }, (_, hour) => 10 * (hour + 1));

  it('fires when today is under the share of the typical curve at that time, re-armed once it catches up', async () => {
    const engine = engineOf('rules:\n  - kind: below-typical\n    percent: 60\n');
    const steps: [string, number][] = [['12:00', 60], ['12:05', 80], ['12:30', 60], ['12:35', 61]];
    const fired: Alert[] = [];
    for (const [time, total] of steps) fired.push(...(await engine.observe(snapshot(time, { Ana: total }), { typical })));
    expect(fired.map((alert) => [alert.at, alert.value, alert.threshold])).toEqual([
      [at('12:00').toISOString(), 50, 60], // 60 of 120
      [at('12:30').toISOString(), 48, 60], // 60 of 125
    ]);
    expect(fired[0]!.rule).toBe('below-typical-1');
    expect(fired[0]!.text).toBe('Hoje há 60 leads até 12:00, 50,0% dos 120 habituais (o alerta é abaixo de 60,0%).');
  });

  it('fires nothing without a typical curve', async () => {
    const engine = engineOf('rules:\n  - kind: below-typical\n    percent: 60\n');
    expect(await engine.observe(snapshot('12:00', { Ana: 1 }))).toEqual([]);
  });
});

describe('AlertEngine: seller-share', () => {
  it('fires for a seller above the share once the day has enough leads, re-armed when the share falls', async () => {
    const engine = engineOf('lang: en\nrules:\n  - kind: seller-share\n    percent: 40\n');
    const steps: [string, number, number][] = [['09:00', 15, 1], ['09:05', 15, 10], ['09:10', 16, 10], ['09:15', 16, 30], ['09:20', 40, 30]];
    const fired: Alert[] = [];
    for (const [time, ana, bruno] of steps) fired.push(...(await engine.observe(snapshot(time, { Ana: ana, Bruno: bruno }))));
    expect(fired.map((alert) => [alert.seller, alert.at, alert.value])).toEqual([
      ['Ana', at('09:05').toISOString(), 60],
      ['Bruno', at('09:15').toISOString(), 65.2],
      ['Ana', at('09:20').toISOString(), 57.1],
    ]);
    expect(fired[0]!.text).toBe('Ana has received 60.0% of today’s leads (15 of 25).');
  });

  it('watches only the sellers in scope', async () => {
    const engine = engineOf('rules:\n  - kind: seller-share\n    percent: 40\n    minLeads: 5\n    sellers: [Bruno]\n');
    expect(await engine.observe(snapshot('09:00', { Ana: 15, Bruno: 1 }))).toEqual([]);
  });
});

describe('AlertEngine: days and order', () => {
  it('ignores a snapshot not newer than the last, and starts each day re-armed', async () => {
    const engine = engineOf('rules:\n  - kind: seller-share\n    percent: 40\n    minLeads: 5\n');
    expect(await engine.observe(snapshot('09:00', { Ana: 15, Bruno: 1 }))).toHaveLength(1);
    expect(await engine.observe(snapshot('08:55', { Ana: 1, Bruno: 15 }))).toEqual([]);
    const nextDay: TodaySnapshot = { fetchedAt: new Date('2026-12-02T12:00:00Z'), totals: { ...snapshot('09:00', { Ana: 15, Bruno: 1 }).totals, date: '2026-12-02' } };
    expect(await engine.observe(nextDay)).toHaveLength(1);
    expect(await engine.observe(snapshot('21:00', { Ana: 15, Bruno: 1 }))).toEqual([]); // yesterday's, late
  });
});

import { describe, expect, it } from 'vitest';
import { isWithinHours } from '@zen-leads/core';
import { msUntilHoursOpen, parseHoursRange } from '../src/hours-range.js';
import { CLI_CATALOGS } from '../src/messages/index.js';
import { watchLine, type WatchSnapshot } from '../src/watch/watch-line.js';

// São Paulo is UTC−3 all year (no daylight saving since 2019).
const sp = (time: string): number => Date.parse(`2026-12-03T${time}-03:00`);

describe('business hours (--keep-today-fresh, watch without --every-window)', () => {
  it('reads HH:MM-HH:MM, 24:00 ending the day, and refuses anything else naming the flag', () => {
    expect(parseHoursRange('08:00-20:00', '--x')).toEqual({ from: '08:00', to: '20:00' });
    expect(parseHoursRange(' 00:00-24:00 ', '--x')).toEqual({ from: '00:00', to: '24:00' });
    for (const bad of ['8-20', '08:00', '20:00-08:00', '08:00-08:00', '08:00-24:01', '08:00-20:00-22:00', '25:00-26:00']) {
      expect(() => parseHoursRange(bad, '--keep-today-fresh'), bad).toThrow(/--keep-today-fresh must be two São Paulo times HH:MM-HH:MM/);
    }
  });

  it('is open from `from` up to (not at) `to`, São Paulo time whatever the machine\'s zone', () => {
    const hours = { from: '08:00', to: '20:00' };
    expect(isWithinHours(hours, sp('07:59:59'))).toBe(false);
    expect(isWithinHours(hours, sp('08:00:00'))).toBe(true);
    expect(isWithinHours(hours, sp('19:59:59'))).toBe(true);
    expect(isWithinHours(hours, sp('20:00:00'))).toBe(false);
    expect(isWithinHours({ from: '00:00', to: '24:00' }, sp('23:59:59'))).toBe(true);
  });

  it('says how long until the hours open: later today, or tomorrow once they closed', () => {
    const hours = { from: '08:00', to: '20:00' };
    expect(msUntilHoursOpen(hours, sp('10:00:00'))).toBe(0);
    expect(msUntilHoursOpen(hours, sp('07:30:00'))).toBe(30 * 60_000);
    expect(msUntilHoursOpen(hours, sp('21:00:00.250'))).toBe(11 * 3_600_000 - 250);
  });
});

function snapshot(time: string, users: [string, number][], withError: number): WatchSnapshot {
  return {
    fetchedAt: new Date(sp(time)),
    totals: { date: '2026-12-03', users: users.map(([name, totalLeads]) => ({ name, totalLeads, origins: [], segments: [], automations: [], productsOrServices: [] })), errors: { withError, ungrouped: 0, contactLimitExceeded: 1, duplicates: 2 } },
  } as unknown as WatchSnapshot;
}

describe("watch's line", () => {
  const before = snapshot('10:30:00', [['Ana', 10], ['Bruno', 5]], 1);
  const after = snapshot('10:35:12', [['Ana', 12], ['Bruno', 10]], 3);

  it('in English: time, total, new since the last line, each problem with its rise, the alerts', () => {
    expect(watchLine(after, before, [{ text: 'Ana\x1b[31m got no lead.' }], CLI_CATALOGS.en.watch)).toBe(
      '10:35  today 22 leads (+7 new) · with error 3 (+2) · ungrouped 0 · contact limit 1 · duplicates 2 · 1 alert: Ana\\u001b[31m got no lead.',
    );
  });

  it("alerts in the language asked for when they carry it, else in the rules file's", () => {
    const fired = [{ text: 'Ana got no lead.', texts: { en: 'Ana got no lead.', 'pt-BR': 'Ana não recebeu lead.' } }];
    expect(watchLine(after, before, fired, CLI_CATALOGS['pt-BR'].watch, 'pt-BR')).toContain('1 alerta: Ana não recebeu lead.');
    expect(watchLine(after, before, fired, CLI_CATALOGS.en.watch)).toContain('1 alert: Ana got no lead.');
  });

  it('in Portuguese, and without a "new" on a first line or against another day', () => {
    expect(watchLine(after, undefined, [], CLI_CATALOGS['pt-BR'].watch)).toBe('10:35  hoje 22 leads · com erro 3 · sem agrupamento 0 · limite de contatos 1 · duplicados 2');
    const yesterday = { ...before, totals: { ...before.totals, date: '2026-12-02' } };
    expect(watchLine(after, yesterday, [], CLI_CATALOGS['pt-BR'].watch)).not.toContain('novo');
    expect(watchLine(snapshot('10:40:00', [['Ana', 13], ['Bruno', 10]], 3), after, [], CLI_CATALOGS['pt-BR'].watch)).toContain('hoje 23 leads (+1 novo) · com erro 3 ·');
  });
});

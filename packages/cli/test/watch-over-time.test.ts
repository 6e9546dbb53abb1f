import { ZenAuthError, ZenServerError, type LeadTotals, type TotalsResult } from '@zen-leads/core';
import type { TodaySnapshot } from '@zen-leads/history';
import { describe, expect, it } from 'vitest';
import { CLI_CATALOGS } from '../src/messages/index.js';
import { watchToday, type SnapshotHistory } from '../src/watch/watch-loop.js';

const totalsOf = (date: string, leads: number): LeadTotals =>
  ({ date, users: [{ name: 'Ana Souza', totalLeads: leads, origins: [], segments: [], automations: [], productsOrServices: [] }], errors: { withError: 0, ungrouped: 0, contactLimitExceeded: 0, duplicates: 0 } }) as unknown as LeadTotals;

/** A history in memory with the parts watch uses: snapshots (refusing a repeat) and days. */
function memoryHistory(): SnapshotHistory & { snapshots: TodaySnapshot[]; days: LeadTotals[]; pruned: string[] } {
  const snapshots: TodaySnapshot[] = [];
  const days: LeadTotals[] = [];
  const pruned: string[] = [];
  return {
    snapshots,
    days,
    pruned,
    appendSnapshot: async (totals, fetchedAt) => {
      const last = snapshots.filter((snapshot) => snapshot.totals.date === totals.date).at(-1);
      if (last && JSON.stringify(last.totals) === JSON.stringify(totals)) return false;
      snapshots.push({ totals, fetchedAt });
      return true;
    },
    readSnapshots: async (range) => snapshots.filter((snapshot) => (!range?.from || snapshot.totals.date >= range.from) && (!range?.to || snapshot.totals.date <= range.to)),
    pruneSnapshots: async (before) => {
      pruned.push(before);
      return 0;
    },
    has: async (date) => days.some((day) => day.date === date),
    append: async (totals) => {
      days.push(totals);
      return true;
    },
  };
}

describe('watch over time', () => {
  it('stores the closed day\'s final answer, says so, and counts the new day from 0; prunes once a day', async () => {
    // A clock that moves 30 s per request, from 23:59:00 São Paulo (02:59 UTC): the third request is past midnight.
    let now = Date.parse('2026-12-03T23:59:00-03:00');
    const asked: string[] = [];
    const lines: string[] = [];
    const notes: string[] = [];
    const stop = new AbortController();
    const history = memoryHistory();
    const fetch = async (date: string): Promise<TotalsResult> => {
      asked.push(date);
      const fetchedAt = new Date(now);
      now += 30_000;
      const leads = date === '2026-12-03' ? 100 + asked.length : asked.length;
      return { totals: totalsOf(date, leads), raw: {}, body: '', fromCache: false, fetchedAt, waitedMs: 0 };
    };
    await watchToday({
      fetch,
      history,
      retentionDays: 35,
      hours: undefined,
      windowMs: 5,
      now: () => now,
      signal: stop.signal,
      line: (text) => {
        lines.push(text);
        if (lines.length === 4) stop.abort();
      },
      note: (text) => notes.push(text),
      say: CLI_CATALOGS.en.watch,
    });
    expect(asked).toEqual(['2026-12-03', '2026-12-03', '2026-12-03', '2026-12-04', '2026-12-04']);
    // The closed day is asked once more at 00:00:00, its final answer; today's lines start from 0 again.
    expect(lines.map((line) => line.split(' · ')[0])).toEqual(['23:59  today 101 leads', '23:59  today 102 leads (+1 new)', '00:00  today 4 leads', '00:01  today 5 leads (+1 new)']);
    expect(history.days).toEqual([totalsOf('2026-12-03', 103)]);
    expect(notes).toEqual(['zen-leads watch: 2026-12-03 closed with 103 leads; stored as the day.', 'zen-leads watch: a new day, 2026-12-04; counting from 0.']);
    expect(history.snapshots.map((snapshot) => snapshot.totals.date)).toEqual(['2026-12-03', '2026-12-03', '2026-12-04', '2026-12-04']);
    expect(history.pruned).toEqual(['2026-10-29', '2026-10-30']);
  });

  it('waits for business hours, tells a passing failure and tries the next window, and stops on a refused token', async () => {
    // 07:59:59.6 São Paulo: the hours open in 400 ms of real time.
    const opens = Date.parse('2026-12-03T08:00:00-03:00');
    const started = Date.now();
    const now = (): number => opens - 400 + (Date.now() - started);
    const answers: (() => TotalsResult)[] = [
      () => {
        throw new ZenServerError('The API failed (HTTP 503).', '');
      },
      () => ({ totals: totalsOf('2026-12-03', 7), raw: {}, body: '', fromCache: false, fetchedAt: new Date(now()), waitedMs: 0 }),
      () => {
        throw new ZenAuthError('The API refused the token (HTTP 401).', '', 'invalid');
      },
    ];
    const asked: number[] = [];
    const notes: string[] = [];
    const lines: string[] = [];
    const run = watchToday({
      fetch: async () => {
        asked.push(now());
        return answers.shift()!();
      },
      history: undefined,
      retentionDays: 35,
      hours: { from: '08:00', to: '20:00' },
      windowMs: 150,
      now,
      line: (text) => lines.push(text),
      note: (text) => notes.push(text),
      say: CLI_CATALOGS.en.watch,
    });
    await expect(run).rejects.toThrow('The API refused the token');
    expect(notes[0]).toBe('zen-leads watch: outside business hours (08:00–20:00 São Paulo time); next request at 08:00. --every-window watches around the clock.');
    expect(asked[0]).toBeGreaterThanOrEqual(opens);
    expect(notes[1]).toMatch(/^zen-leads watch: The API failed \(HTTP 503\)\. Trying again at 08:00\.$/);
    expect(asked[1]! - asked[0]!).toBeGreaterThanOrEqual(140);
    expect(lines).toEqual(['08:00  today 7 leads · with error 0 · ungrouped 0 · contact limit 0 · duplicates 0']);
    expect(asked).toHaveLength(3);
  });
});

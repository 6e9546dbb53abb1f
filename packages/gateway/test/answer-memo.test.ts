import type { LeadTotals, TotalsResult } from '@zen-leads/core';
import { describe, expect, it } from 'vitest';
import { AnswerMemo } from '../src/upstream/answer-memo.js';

function answer(date: string, fetchedAt: string, body = `{"data":"${date}"}`): TotalsResult {
  const totals: LeadTotals = { date, users: [], errors: { withError: 0, ungrouped: 0, contactLimitExceeded: 0, duplicates: 0 } };
  return { totals, raw: undefined, body, fromCache: false, fetchedAt: new Date(fetchedAt), waitedMs: 0 };
}

describe('AnswerMemo', () => {
  it('keeps at most maxEntries answers, dropping the least recently read first', async () => {
    const memo = new AnswerMemo({ maxEntries: 2 });
    await memo.put(answer('2026-01-01', '2026-01-02T12:00:00Z'));
    await memo.put(answer('2026-01-02', '2026-01-03T12:00:00Z'));
    memo.get('2026-01-01');
    await memo.put(answer('2026-01-03', '2026-01-04T12:00:00Z'));
    expect(memo.get('2026-01-02')).toBeUndefined();
    expect(memo.get('2026-01-01')?.result.totals.date).toBe('2026-01-01');
    expect(memo.get('2026-01-03')?.result.totals.date).toBe('2026-01-03');
  });

  it('keeps the newer answer of a day, whichever arrives last, and works out finality once', async () => {
    const memo = new AnswerMemo();
    // Fetched at 10:00 São Paulo on the day itself: still open.
    const open = await memo.put(answer('2026-01-05', '2026-01-05T13:00:00Z', '{"early":1}'));
    expect(open.final).toBe(false);
    // Fetched after midnight São Paulo (03:00 UTC): final.
    const closed = await memo.put(answer('2026-01-05', '2026-01-06T04:00:00Z', '{"late":1}'));
    expect(closed.final).toBe(true);
    expect(closed.lastModified).toBe('Tue, 06 Jan 2026 04:00:00 GMT');
    await memo.put(answer('2026-01-05', '2026-01-05T14:00:00Z', '{"stale":1}'));
    expect(memo.get('2026-01-05')?.result.body).toBe('{"late":1}');
  });

  it('bounds the bytes kept too', async () => {
    const memo = new AnswerMemo({ maxBytes: 100 });
    await memo.put(answer('2026-01-01', '2026-01-02T12:00:00Z', 'x'.repeat(60)));
    await memo.put(answer('2026-01-02', '2026-01-03T12:00:00Z', 'y'.repeat(60)));
    expect(memo.get('2026-01-01')).toBeUndefined();
    expect(memo.get('2026-01-02')?.result.body).toHaveLength(60);
  });
});

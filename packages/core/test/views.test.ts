import { describe, expect, it } from 'vitest';
import type { LeadTotals } from '../src/model.js';
import { toBreakdownRows } from '../src/views/breakdown-rows.js';
import { summarize } from '../src/views/day-summary.js';
import { fairnessOf } from '../src/views/fairness.js';
import { toUserRows } from '../src/views/user-rows.js';

const day: LeadTotals = {
  date: '2026-11-24',
  users: [
    {
      name: 'Ana Paula Souza',
      totalLeads: 6,
      origins: [
        { code: '1', name: 'Site', count: 4 },
        { code: '2', name: 'Indicação', count: 2 },
      ],
      segments: [{ code: '7', name: 'Imóveis', count: 6 }],
      automations: [],
      productsAndServices: [{ code: 'p', name: 'Apartamento', count: 5 }],
    },
    { name: 'João Pedro Lima', totalLeads: 2, origins: [{ code: '1', name: 'Site', count: 2 }], segments: [], automations: [{ code: 'a', name: 'Boas-vindas', count: 2 }], productsAndServices: [] },
    { name: 'Márcia Oliveira', totalLeads: 0, origins: [], segments: [], automations: [], productsAndServices: [] },
  ],
  errors: { withError: 1, ungrouped: 2, contactLimitExceeded: 3, duplicates: 4 },
};

describe('row views', () => {
  it('users: one row per user with the day', () => {
    expect(toUserRows(day)).toEqual([
      { date: '2026-11-24', user: 'Ana Paula Souza', totalLeads: 6 },
      { date: '2026-11-24', user: 'João Pedro Lima', totalLeads: 2 },
      { date: '2026-11-24', user: 'Márcia Oliveira', totalLeads: 0 },
    ]);
  });

  it('breakdown: one row per user × dimension × entry, dimensions in a fixed order', () => {
    expect(toBreakdownRows(day).map((row) => `${row.user}|${row.dimension}|${row.code}|${row.name}|${row.count}`)).toEqual([
      'Ana Paula Souza|origin|1|Site|4',
      'Ana Paula Souza|origin|2|Indicação|2',
      'Ana Paula Souza|segment|7|Imóveis|6',
      'Ana Paula Souza|productOrService|p|Apartamento|5',
      'João Pedro Lima|origin|1|Site|2',
      'João Pedro Lima|automation|a|Boas-vindas|2',
    ]);
  });

  it('summary: sums, error counts and fairness, computed by hand', () => {
    // Leads 6, 2, 0: mean 8/3; Σ|xi−xj| over ordered pairs = 2·(4+6+2) = 24; G = 24 / (2·9·8/3) = 0.5.
    expect(summarize(day)).toEqual({
      date: '2026-11-24',
      users: 3,
      totalLeads: 8,
      originLeads: 8,
      segmentLeads: 6,
      automationLeads: 2,
      productOrServiceLeads: 5,
      withError: 1,
      ungrouped: 2,
      contactLimitExceeded: 3,
      duplicates: 4,
      topUser: 'Ana Paula Souza',
      topUserShare: 0.75,
      minUserLeads: 0,
      maxUserLeads: 6,
      gini: 0.5,
    });
  });

  it('fairness: even is 0, all-to-one is (n−1)/n, empty days are zeros', () => {
    expect(fairnessOf([5, 5, 5, 5]).gini).toBe(0);
    expect(fairnessOf([0, 0, 0, 12]).gini).toBeCloseTo(0.75, 12);
    expect(fairnessOf([1, 2, 3, 4]).gini).toBeCloseTo(0.25, 12);
    expect(fairnessOf([])).toEqual({ topShare: 0, minLeads: 0, maxLeads: 0, gini: 0 });
    expect(fairnessOf([0, 0])).toEqual({ topShare: 0, minLeads: 0, maxLeads: 0, gini: 0 });
    expect(summarize({ date: '2026-11-24', users: [], errors: day.errors }).topUser).toBe('');
  });
});

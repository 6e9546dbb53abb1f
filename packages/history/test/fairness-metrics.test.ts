import { fairnessOf, summarize } from '@zen-leads/core';
import { describe, expect, it } from 'vitest';
import { renderReport, reportDataOf } from '../src/index.js';
import { day, user } from './support/lead-totals-samples.js';

// Hand-computed with G = Σᵢ Σⱼ |xᵢ − xⱼ| / (2 n² x̄) (the mean-difference form, not the code's).
// [10, 20, 30, 40]: Σ|xᵢ−xⱼ| = 2·(10+20+30+10+20+10) = 200, n = 4, x̄ = 25 → 200 / (2·16·25) = 0.25.
// [0, 0, 0, 5]:     Σ|xᵢ−xⱼ| = 2·(5+5+5) = 30, x̄ = 1.25 → 30 / (2·16·1.25) = 0.75.
// [7, 7, 7]: 0.    [12]: 0.    [3, 9]: Σ = 2·6 = 12, x̄ = 6 → 12 / (2·4·6) = 0.25.
describe('fairness metrics', () => {
  it.each([
    { counts: [40, 10, 30, 20], topShare: 0.4, minLeads: 10, maxLeads: 40, gini: 0.25 },
    { counts: [0, 5, 0, 0], topShare: 1, minLeads: 0, maxLeads: 5, gini: 0.75 },
    { counts: [7, 7, 7], topShare: 1 / 3, minLeads: 7, maxLeads: 7, gini: 0 },
    { counts: [12], topShare: 1, minLeads: 12, maxLeads: 12, gini: 0 },
    { counts: [3, 9], topShare: 0.75, minLeads: 3, maxLeads: 9, gini: 0.25 },
    { counts: [0, 0], topShare: 0, minLeads: 0, maxLeads: 0, gini: 0 },
    { counts: [], topShare: 0, minLeads: 0, maxLeads: 0, gini: 0 },
  ])('$counts → top share $topShare, min $minLeads, max $maxLeads, Gini $gini', ({ counts, ...expected }) => {
    const fairness = fairnessOf(counts);
    expect(fairness.topShare).toBeCloseTo(expected.topShare, 12);
    expect(fairness.minLeads).toBe(expected.minLeads);
    expect(fairness.maxLeads).toBe(expected.maxLeads);
    expect(fairness.gini).toBeCloseTo(expected.gini, 12);
  });

  it('the report shows each day’s values and the period’s, over users’ period totals', () => {
    const days = [
      day('2025-03-01', [user('Ana', 40), user('Bia', 10), user('Caio', 30), user('Davi', 20)]),
      day('2025-03-02', [user('Ana', 0), user('Bia', 5)]),
    ];
    expect(summarize(days[0]!)).toMatchObject({ totalLeads: 100, topUser: 'Ana', topUserShare: 0.4, minUserLeads: 10, maxUserLeads: 40, gini: 0.25 });
    // Period totals: Ana 40, Bia 15, Caio 30, Davi 20 → 105 leads; sorted 15, 20, 30, 40:
    // Σ|xᵢ−xⱼ| = 2·(5+15+25+10+20+10) = 170 → G = 170 / (2·16·26.25) = 0.20238…; top share 40/105.
    const data = reportDataOf(days);
    expect(data.period.totalLeads).toBe(105);
    expect(data.period.fairness.gini).toBeCloseTo(170 / (2 * 16 * 26.25), 12);
    expect(data.period.fairness.topShare).toBeCloseTo(40 / 105, 12);

    const html = renderReport(days, { lang: 'en' });
    expect(html).toContain('<tr><th scope="row">Mar 1, 2025</th><td>4</td><td>100</td><td class="text">Ana</td><td>40.0%</td><td>10</td><td>40</td><td>0.250</td>');
    expect(html).toContain('<tr><th scope="row">Mar 2, 2025</th><td>2</td><td>5</td><td class="text">Bia</td><td>100.0%</td><td>0</td><td>5</td><td>0.500</td>');
    expect(html).toContain('<tfoot><tr><th scope="row">Period</th><td>4</td><td>105</td><td class="text">Ana</td><td>38.1%</td><td>15</td><td>40</td><td>0.202</td>');
    // The same numbers as a Brazilian reader writes them.
    expect(renderReport(days)).toContain('<tfoot><tr><th scope="row">Período</th><td>4</td><td>105</td><td class="text">Ana</td><td>38,1%</td><td>15</td><td>40</td><td>0,202</td>');
  });
});

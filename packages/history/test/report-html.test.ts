import { dateRange } from '@zen-leads/core';
import { describe, expect, it } from 'vitest';
import { TOP_SERIES, formatCount, renderReport } from '../src/index.js';
import { accentedDay, day, user } from './support/lead-totals-samples.js';
import { seededDays } from './support/seeded-days.js';

const month = seededDays('2025-03-01', '2025-03-31');

describe('the HTML report', () => {
  it('is one self-contained page: no script, no external file, a policy that forbids both', () => {
    const html = renderReport(month);
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(/i);
    expect(html).not.toMatch(/\s(src|href)=/i);
    // The only URL is the SVG namespace (an identifier, never fetched).
    expect(html.match(/https?:\/\/[^"\s]+/g)?.every((url) => url === 'http://www.w3.org/2000/svg')).toBe(true);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
    expect(html).toContain('<meta charset="utf-8">');
  });

  it('draws six SVG charts: users, origins, segments, errors and two of fairness', () => {
    const html = renderReport(month);
    const classes = [...html.matchAll(/<svg [^>]*class="chart ([a-z-]+)"/g)].map((match) => match[1]);
    expect(classes).toEqual(['users', 'origins', 'segments', 'errors', 'fairness-share', 'fairness-spread']);
    expect(html.match(/<\/svg>/g)).toHaveLength(6);
    // One row per day in the summary table.
    expect(html.match(/<tr><td>2025-03-\d\d<\/td>/g)).toHaveLength(31);
  });

  it('keeps accents as they are and escapes markup in names', () => {
    const html = renderReport([accentedDay('2025-03-01')]);
    expect(html).toContain('João Pedro Magalhães');
    expect(html).toContain('Promoção São João');
    expect(html).toContain('Ana &lt;Conceição&gt; &amp; &quot;Cia&quot;');
    expect(html).not.toContain('<Conceição>');
    // No character references for letters: accents are written as UTF-8.
    expect(html).not.toMatch(/&#(?!39;)\d+;|&#x/);
  });

  it('is deterministic: the same days in any order give the same bytes', () => {
    const shuffled = [...month].reverse();
    expect(renderReport(shuffled, { source: 'leads.ndjson' })).toBe(renderReport(month, { source: 'leads.ndjson' }));
  });

  it('marks days of the range that are not stored, and leaves days outside it out', () => {
    const days = [day('2025-03-01', [user('Ana', 2)]), day('2025-03-03', [user('Ana', 4)]), day('2025-04-01', [user('Ana', 9)])];
    const html = renderReport(days, { from: '2025-02-28', to: '2025-03-03' });
    expect(html).toContain('2025-02-28 to 2025-03-03');
    expect(html).toContain('2 of 4 days stored');
    expect(html).toContain('Not in the history (no bars or points): 2025-02-28, 2025-03-02.');
    expect(html).toContain('<tr class="missing"><td>2025-03-02</td>');
    expect(html).not.toContain('2025-04-01');
  });

  it(`gathers users past the top ${TOP_SERIES - 1} into one series`, () => {
    const team = Array.from({ length: 12 }, (_, index) => user(`Pessoa ${String(index + 1).padStart(2, '0')}`, 20 - index));
    const html = renderReport([day('2025-03-01', team)]);
    expect(html).toContain('Other users (5)');
    expect(html).toContain('Pessoa 07');
    expect(html).not.toContain('>Pessoa 08<');
  });

  it('says so when there is nothing to show, without charts', () => {
    const html = renderReport([], { from: '2025-03-01', to: '2025-03-02' });
    expect(html).toContain('The history holds no days between 2025-03-01 and 2025-03-02');
    expect(html).not.toContain('<svg');
  });

  it('stays small: a month of a ten-user team with many origins is well under 200 kB', () => {
    const origins = ['Site', 'Facebook Ads', 'Indicação', 'WhatsApp', 'Google Ads', 'Instagram', 'Feira', 'Telefone', 'E-mail', 'Parceiro'];
    const busy = dateRange('2025-03-01', '2025-03-31').map((date, dayIndex) =>
      day(
        date,
        Array.from({ length: 10 }, (_, index) => ({
          ...user(`Usuário ${index}`, 0),
          totalLeads: 50,
          origins: origins.map((name, code) => ({ code: String(code), name, count: 5 })),
          segments: origins.map((name, code) => ({ code: String(code), name: `Segmento ${name}`, count: 5 })),
        })),
        { withError: dayIndex % 3, duplicates: dayIndex % 5 },
      ),
    );
    const bytes = Buffer.byteLength(renderReport(busy));
    expect(bytes).toBeLessThan(200_000);
  });
});

it('writes counts with grouped thousands whatever the machine\'s locale, whole, never "-0"', () => {
  expect([0, 7, 999, 1_000, 1_234_567, 999_999_999_999_999].map(formatCount)).toEqual(['0', '7', '999', '1,000', '1,234,567', '999,999,999,999,999']);
  expect([12.5, -1_234, -0.2].map(formatCount)).toEqual(['13', '-1,234', '0']);
});

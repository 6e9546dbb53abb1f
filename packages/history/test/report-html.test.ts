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

  it('draws six SVG charts: users, origins, segments, errors and two of fairness, each for a wide and a narrow screen', () => {
    const html = renderReport(month);
    const classes = [...html.matchAll(/<svg [^>]*class="chart ([a-z-]+) wide"/g)].map((match) => match[1]);
    expect(classes).toEqual(['users', 'origins', 'segments', 'errors', 'fairness-share', 'fairness-spread']);
    const narrow = [...html.matchAll(/<svg [^>]*class="chart ([a-z-]+) narrow"/g)].map((match) => match[1]);
    expect(narrow).toEqual(classes);
    // One row per day in the summary table, the day as a Brazilian reader writes it.
    expect(html.match(/<tr><th scope="row">\d\d\/03\/2025<\/th>/g)).toHaveLength(31);
  });

  it('speaks Portuguese by default and English when asked, with numbers and days in each one’s form', () => {
    const days = [day('2025-03-01', [user('Ana', 1_200), user('Bia', 34)]), day('2025-03-02', [user('Ana', 5)])];
    const pt = renderReport(days);
    expect(pt).toContain('<html lang="pt-BR">');
    expect(pt).toContain('<h1>Distribuição de leads</h1>');
    expect(pt).toContain('01/03/2025 a 02/03/2025');
    expect(pt).toContain('<b>1.239</b>');
    expect(pt).toContain('Leads com problema por dia');
    expect(pt).not.toMatch(/Leads per user|Summary|not in the history/);
    const en = renderReport(days, { lang: 'en' });
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('Mar 1, 2025 to Mar 2, 2025');
    expect(en).toContain('<b>1,239</b>');
    expect(en).not.toMatch(/Distribuição|Resumo|usuário/);
  });

  it('tells the distribution’s fairness in words, with the top user’s share and the Gini behind it', () => {
    const even = renderReport([day('2025-03-01', [user('Ana', 10), user('Bia', 10), user('Caio', 9)])]);
    expect(even).toMatch(/<b>Equilibrada<\/b><span>distribuição: o usuário com mais leads recebeu 34,5% · Gini 0,023/);
    const uneven = renderReport([day('2025-03-01', [user('Ana', 30), user('Bia', 2), user('Caio', 1)])], { lang: 'en' });
    expect(uneven).toMatch(/<b>Uneven<\/b><span>distribution: the top user got 90.9% · Gini 0.586/);
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
    const html = renderReport(days, { from: '2025-02-28', to: '2025-03-03', lang: 'en' });
    expect(html).toContain('Feb 28, 2025 to Mar 3, 2025');
    expect(html).toContain('2 of 4 days stored');
    expect(html).toContain('Not in the history (no bars or points): 2 days: Feb 28, 2025; Mar 2, 2025.');
    expect(html).toContain('<tr class="missing"><th scope="row">Mar 2, 2025</th>');
    expect(html).not.toContain('Apr 1, 2025');
  });

  it('lists missing days as ranges, not one by one', () => {
    const stored = seededDays('2025-03-01', '2025-03-31', [...dateRange('2025-03-03', '2025-03-17'), '2025-03-20', '2025-03-25', '2025-03-26']);
    const html = renderReport(stored);
    expect(html).toContain('Fora do histórico (sem barras nem pontos): 18 dias: 03/03/2025 a 17/03/2025; 20/03/2025; 25/03/2025 a 26/03/2025.');
  });

  it(`gathers users past the top ${TOP_SERIES - 1} into one series`, () => {
    const team = Array.from({ length: 12 }, (_, index) => user(`Pessoa ${String(index + 1).padStart(2, '0')}`, 20 - index));
    const html = renderReport([day('2025-03-01', team)], { lang: 'en' });
    expect(html).toContain('Other users (5)');
    expect(html).toContain('Pessoa 07');
    expect(html).not.toContain('>Pessoa 08<');
  });

  it('says so when there is nothing to show, without charts', () => {
    const html = renderReport([], { from: '2025-03-01', to: '2025-03-02' });
    expect(html).toContain('O histórico não tem nenhum dia entre 01/03/2025 e 02/03/2025');
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

import { describe, expect, it } from 'vitest';
import type { LeadTotals } from '@zen-leads/core';
import { defaultViewFor, renderTotals } from '../src/output/render.js';

const DAY: LeadTotals = {
  date: '2026-11-24',
  users: [
    {
      name: 'Ana Conceição',
      totalLeads: 3,
      origins: [{ code: '7', name: 'Indicação, parceiros', count: 3 }],
      segments: [],
      automations: [],
      productsAndServices: [{ code: '12', name: 'Consórcio', count: 1 }],
    },
    { name: 'Beto', totalLeads: 1, origins: [], segments: [], automations: [], productsAndServices: [] },
  ],
  errors: { withError: 1, ungrouped: 0, contactLimitExceeded: 0, duplicates: 2 },
};

describe('renderTotals', () => {
  it('defaults json and ndjson to the full object, table and csv to user rows', () => {
    expect([defaultViewFor('json'), defaultViewFor('ndjson'), defaultViewFor('table'), defaultViewFor('csv')]).toEqual([
      'full',
      'full',
      'users',
      'users',
    ]);
  });

  it('json full is the LeadTotals object itself', () => {
    expect(JSON.parse(renderTotals(DAY, 'json', 'full'))).toStrictEqual(DAY);
  });

  it('ndjson prints one row per line, or the day as one line', () => {
    expect(renderTotals(DAY, 'ndjson', 'users')).toBe(
      '{"date":"2026-11-24","user":"Ana Conceição","totalLeads":3}\n{"date":"2026-11-24","user":"Beto","totalLeads":1}\n',
    );
    expect(renderTotals(DAY, 'ndjson', 'full').trimEnd().split('\n')).toHaveLength(1);
  });

  it('csv breakdown quotes names with commas and keeps accents', () => {
    expect(renderTotals(DAY, 'csv', 'breakdown')).toBe(
      'date,user,dimension,code,name,count\r\n' +
        '2026-11-24,Ana Conceição,origin,7,"Indicação, parceiros",3\r\n' +
        '2026-11-24,Ana Conceição,productOrService,12,Consórcio,1\r\n',
    );
  });

  it('csv summary is a header and one line', () => {
    const [header, line, end] = renderTotals(DAY, 'csv', 'summary').split('\r\n');
    expect(header?.startsWith('date,users,totalLeads,')).toBe(true);
    expect(line?.startsWith('2026-11-24,2,4,')).toBe(true);
    expect(end).toBe('');
  });

  it('table summary is a field/value list; json summary one object', () => {
    expect(renderTotals(DAY, 'table', 'summary')).toMatch(/^date {2,}2026-11-24\nusers {2,}2\nleads {2,}4\n/);
    expect(JSON.parse(renderTotals(DAY, 'json', 'summary'))).toMatchObject({ date: '2026-11-24', users: 2, totalLeads: 4, topUser: 'Ana Conceição' });
  });

  it('refuses the full view as a table or CSV', () => {
    expect(() => renderTotals(DAY, 'table', 'full')).toThrow('--view full');
    expect(() => renderTotals(DAY, 'csv', 'full')).toThrow('--format json');
  });
});

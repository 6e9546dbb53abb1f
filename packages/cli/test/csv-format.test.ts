import { describe, expect, it } from 'vitest';
import { formatCsv } from '../src/output/csv.js';

describe('formatCsv (RFC 4180)', () => {
  it('writes a header and CRLF-terminated records', () => {
    const text = formatCsv(['date', 'user', 'totalLeads'], [{ date: '2026-11-24', user: 'Ana', totalLeads: 3 }]);
    expect(text).toBe('date,user,totalLeads\r\n2026-11-24,Ana,3\r\n');
  });

  it('quotes fields with commas, quotes and line breaks, doubling inner quotes', () => {
    const text = formatCsv(['name'], [{ name: 'Silva, Ana' }, { name: 'o "Rei"' }, { name: 'a\nb' }, { name: ' lead' }]);
    expect(text).toBe('name\r\n"Silva, Ana"\r\n"o ""Rei"""\r\n"a\nb"\r\n" lead"\r\n');
  });

  it('keeps accents as they are (UTF-8, no escaping)', () => {
    expect(formatCsv(['name'], [{ name: 'Indicação' }])).toBe('name\r\nIndicação\r\n');
  });

  it('prints only the header for an empty day, and empty cells for missing values', () => {
    expect(formatCsv(['date', 'user'], [])).toBe('date,user\r\n');
    expect(formatCsv(['a', 'b'], [{ a: null, b: undefined }])).toBe('a,b\r\n,\r\n');
  });
});

import { describe, expect, it } from 'vitest';
import { displayWidth } from '../src/output/display-width.js';
import { formatRecord, formatTable } from '../src/output/table.js';

describe('formatTable', () => {
  const rows = [
    { date: '2026-11-24', user: 'João Conceição'.normalize('NFD'), totalLeads: 7 },
    { date: '2026-11-24', user: 'Ana', totalLeads: 120 },
  ];

  it('aligns every column by display width, numbers to the right', () => {
    const lines = formatTable(['date', 'user', 'totalLeads'], rows).trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    const widths = lines.map(displayWidth);
    // Header, rule and rows all end at the same column: the number column is right-aligned.
    expect(new Set(widths).size).toBe(1);
    expect(lines[2]).toMatch(/ {2,}7$/);
    expect(lines[3]).toMatch(/ 120$/);
    expect(lines[2]).toContain('João Conceição'.normalize('NFD'));
  });

  it('says so when there are no rows', () => {
    expect(formatTable(['date', 'user'], [])).toContain('(no rows)');
  });

  it('shows control characters as escapes so data cannot drive the terminal', () => {
    const text = formatTable(['user'], [{ user: 'Ana\x1b[31m\nBeto' }]);
    expect(text).not.toContain('\x1b');
    expect(text).toContain('Ana\\u001b[31m\\nBeto');
  });

  it('lays one record out as aligned field/value lines', () => {
    expect(formatRecord({ date: '2026-11-24', totalLeads: 10, gini: 0.123456 })).toBe(
      'date   2026-11-24\nleads  10\nGini   0.123\n',
    );
  });
});

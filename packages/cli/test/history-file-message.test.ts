import { HistoryFileError } from '@zen-leads/history';
import { expect, it } from 'vitest';
import { describeFailure } from '../src/describe-error.js';

/** The error table's words for a history file error, with the flag that named the file. */
function historyFileMessage(error: HistoryFileError, flag: '--in' | '--out'): string {
  const failure = describeFailure(error, { historyFlag: flag });
  expect(failure.exitCode).toBe(2);
  return failure.message;
}

const noSqlite = new HistoryFileError('cannot use leads.sqlite: SQLite is not available on Node v20.20.2.', 'data/leads.sqlite', {
  reason: 'sqlite-unavailable',
  hint: 'the library’s own hint, naming its options',
});

it('words the no-SQLite fix with the CLI’s flag and installs, not the library’s hint', () => {
  const message = historyFileMessage(noSqlite, '--out');
  expect(message).toMatch(/^cannot use leads\.sqlite: SQLite is not available on Node v20\.20\.2\. /);
  expect(message).toContain('Use --out data/leads.ndjson instead');
  expect(message).toContain('Node ≥ 22.13, Bun or Deno');
  expect(message).toContain('npm i -g better-sqlite3@12');
  expect(message).not.toContain('library’s own hint');
});

it('offers no NDJSON file for --in (a report reads the history it is given)', () => {
  expect(historyFileMessage(noSqlite, '--in')).not.toContain('.ndjson');
});

it('leaves every other history file problem as the library says it', () => {
  const missing = new HistoryFileError('no history at leads.sqlite.', 'leads.sqlite', { reason: 'missing' });
  expect(historyFileMessage(missing, '--in')).toBe('no history at leads.sqlite.');
});

import type { HistoryFileError } from '@zen-leads/history';

/**
 * A history file error in the CLI's words. The library's problem stays; where the fix is the
 * CLI user's to make (no SQLite on this Node), the hint names this command's flag and the install
 * that makes SQLite available to a global or a project's zen-leads.
 */
export function historyFileMessage(error: HistoryFileError, flag: '--in' | '--out'): string {
  if (error.reason !== 'sqlite-unavailable') return error.message;
  const ndjson = `${error.path.replace(/\.[^./\\]+$/, '')}.ndjson`;
  const instead = flag === '--out' ? `Use ${flag} ${ndjson} instead (NDJSON needs no SQLite), or run` : 'Run';
  return (
    `${error.problem} ${instead} zen-leads on Node ≥ 22.13, Bun or Deno, which ship SQLite, or install better-sqlite3 12 where ` +
    'zen-leads finds it: npm i -g better-sqlite3@12 beside a global zen-leads, npm i better-sqlite3@12 in a project (version 13 needs Node 22).'
  );
}

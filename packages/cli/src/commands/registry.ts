import type { Command } from '../cli-context.js';
import * as backfill from './backfill-command.js';
import * as history from './history-command.js';
import * as report from './report-command.js';
import * as serve from './serve-command.js';
import * as totals from './totals-command.js';
import * as watch from './watch-command.js';

/**
 * Every subcommand, in the order `--help` lists them: its name and summary here, its option
 * table, help and run in its file. A new command is a file plus a line here.
 */
export const COMMANDS: readonly Command[] = [
  { name: 'totals', summary: 'one day of lead totals per user (table, json, csv, ndjson)', ...totals },
  { name: 'backfill', summary: 'store every missing day of a range in a history (NDJSON, SQLite or PostgreSQL), resumable', ...backfill },
  { name: 'report', summary: 'a history file as one self-contained HTML report with SVG charts', ...report },
  { name: 'history', summary: 'history copy: every day of one history into another (NDJSON, SQLite, PostgreSQL), idempotent', ...history },
  { name: 'watch', summary: "today as it happens: a snapshot and a line per window, kept in a history, alert rules checked; Ctrl-C stops", ...watch },
  { name: 'serve', summary: 'run the gateway: one process owns the token, every tool shares its window (API, CSV, dashboard)', ...serve },
];

export function findCommand(name: string): Command | undefined {
  return COMMANDS.find((command) => command.name === name);
}

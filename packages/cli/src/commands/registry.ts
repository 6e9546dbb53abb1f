import type { Command } from '../cli-context.js';
import * as backfill from './backfill-command.js';
import * as history from './history-command.js';
import * as report from './report-command.js';
import * as serve from './serve-command.js';
import * as totals from './totals-command.js';
import * as watch from './watch-command.js';

/**
 * Every subcommand, in the order `--help` lists them: its name and summary (in each language)
 * here, its option table, help and run in its file. A new command is a file plus a line here.
 */
export const COMMANDS: readonly Command[] = [
  {
    name: 'totals',
    summary: { en: 'one day of lead totals per user (table, json, csv, ndjson)', 'pt-BR': 'um dia de totais de leads por usuário (table, json, csv, ndjson)' },
    ...totals,
  },
  {
    name: 'backfill',
    summary: {
      en: 'store every missing day of a range in a history (NDJSON, SQLite or PostgreSQL), resumable',
      'pt-BR': 'guarda num histórico cada dia que falta de um período; retomável',
    },
    ...backfill,
  },
  {
    name: 'report',
    summary: { en: 'a history file as one self-contained HTML report with SVG charts', 'pt-BR': 'um histórico como um relatório HTML autocontido, com gráficos SVG' },
    ...report,
  },
  {
    name: 'history',
    summary: {
      en: 'history copy: every day of one history into another (NDJSON, SQLite, PostgreSQL), idempotent',
      'pt-BR': 'history copy: todos os dias de um histórico em outro, idempotente',
    },
    ...history,
  },
  {
    name: 'watch',
    summary: {
      en: 'today as it happens: a snapshot and a line per window, kept in a history, alert rules checked; Ctrl-C stops',
      'pt-BR': 'hoje ao vivo: snapshot e linha por janela, alertas; Ctrl-C encerra',
    },
    ...watch,
  },
  {
    name: 'serve',
    summary: {
      en: 'run the gateway: one process owns the token, every tool shares its window (API, CSV, dashboard)',
      'pt-BR': 'roda o gateway: um só processo com o token; todos usam a janela dele',
    },
    ...serve,
  },
];

export function findCommand(name: string): Command | undefined {
  return COMMANDS.find((command) => command.name === name);
}

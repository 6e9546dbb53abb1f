import type { Command } from '../cli-context.js';
import { backfillCommand } from './backfill-command.js';
import { reportCommand } from './report-command.js';
import { serveCommand } from './serve-command.js';
import { totalsCommand } from './totals-command.js';

/** Every subcommand, in the order `--help` lists them. A new command is a file plus a line here. */
export const COMMANDS: readonly Command[] = [totalsCommand, backfillCommand, reportCommand, serveCommand];

export function findCommand(name: string): Command | undefined {
  return COMMANDS.find((command) => command.name === name);
}

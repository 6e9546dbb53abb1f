import type { CliContext } from './cli-context.js';

/**
 * One subcommand (`totals`, later `backfill`, `report`): a file in `commands/`, listed once in
 * the registry. It parses its own arguments (with the shared options) and returns an exit code;
 * errors it throws are described and mapped to exit codes by `main`.
 */
export interface Command {
  readonly name: string;
  /** One line for the command list in `zen-leads --help`. */
  readonly summary: string;
  /** The full `--help` text. */
  help(): string;
  run(args: readonly string[], context: CliContext): Promise<number>;
}

/**
 * The `zen-leads` command as a library: `main(argv, context)` runs a command line in-process
 * and returns its exit code; the pieces are exported for wrappers and later subcommands.
 */
export type { CliContext, OutputStream } from './cli-context.js';
export type { Command } from './command.js';
export { COMMANDS, findCommand } from './commands/registry.js';
export { main } from './main.js';
export { ExitCode, exitCodeOf } from './exit-codes.js';
export { describeError } from './describe-error.js';
export { parseDuration } from './duration.js';
export { formatDuration, plural } from './wording.js';
export { resolveDateArgument } from './date-argument.js';
export { defaultCacheDir } from './cache-dir.js';
export { renderTotals, defaultViewFor, FORMATS, type Format } from './output/render.js';
export { VIEWS, type View } from './output/view.js';
export { formatCsv } from './output/csv.js';
export { formatTable } from './output/table.js';
export { displayWidth } from './output/display-width.js';
export { UsageError, isUsageError } from './usage-error.js';

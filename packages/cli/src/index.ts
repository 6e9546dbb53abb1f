/**
 * The `zen-leads` command as a library: `main(argv, context)` runs a command line in-process
 * and returns its exit code; the pieces are exported for wrappers and later subcommands.
 */
export type { CliContext, Command, OutputStream } from './cli-context.js';
export { COMMANDS, findCommand } from './commands/registry.js';
export { main } from './main.js';
export { CliError, ExitCode, isCliError } from './cli-error.js';
export { describeError, describeFailure, exitCodeOf } from './describe-error.js';
export { parseDuration } from './duration.js';
// Worded by the core, re-exported so wrappers of the CLI keep the names they had.
export { formatDuration, plural } from '@zen-leads/core/internal';
export { resolveDateArgument } from './days.js';
export { defaultCacheDir } from './cache-dir.js';
export { renderTotals, defaultViewFor, FORMATS, type Format } from './output/render.js';
export { VIEWS, type View } from './output/view.js';
export { formatCsv } from './output/csv.js';
export { formatTable } from './output/table.js';
export { displayWidth } from './output/display-width.js';
/** @deprecated `CliError` (exit code 2 unless told otherwise) is the CLI's one error class. */
export { CliError as UsageError, isCliError as isUsageError } from './cli-error.js';

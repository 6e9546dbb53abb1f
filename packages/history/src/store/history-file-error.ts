/**
 * Why a history file could not be used: `missing` (nothing to read), `extension` (not a history
 * file name), `not-history` (someone else's file), `newer-schema`, `read-only`, `unreadable`
 * (the file system or SQLite refused), `changed` (another program cut the file while open),
 * `sqlite-unavailable` (this runtime has no SQLite: Node < 22.13 without better-sqlite3).
 */
export type HistoryFileReason =
  | 'missing'
  | 'extension'
  | 'not-history'
  | 'newer-schema'
  | 'read-only'
  | 'unreadable'
  | 'changed'
  | 'sqlite-unavailable';

/** Options of `HistoryFileError`: the standard `cause`, the reason, and a fix worded for library users. */
export interface HistoryFileErrorOptions extends ErrorOptions {
  reason: HistoryFileReason;
  hint?: string;
}

/**
 * A history file that cannot be used as asked: missing when it is read, of an unknown kind, or
 * holding something other than days of lead totals. Nothing was fetched or written. Hosts pick
 * their own advice by `reason` (the CLI names its flags); `hint` names this library's options.
 */
export class HistoryFileError extends Error {
  override readonly name = 'HistoryFileError';
  readonly code = 'HISTORY_FILE' as const;
  readonly path: string;
  readonly reason: HistoryFileReason;
  /** What went wrong, without advice; `message` is `problem` followed by `hint`. */
  readonly problem: string;
  readonly hint: string | undefined;

  constructor(problem: string, path: string, options: HistoryFileErrorOptions) {
    const { reason, hint, ...errorOptions } = options;
    super(hint ? `${problem} ${hint}` : problem, errorOptions);
    this.path = path;
    this.reason = reason;
    this.problem = problem;
    this.hint = hint;
  }
}

/** True for a `HistoryFileError`, also one from another copy of this package. */
export function isHistoryFileError(error: unknown): error is HistoryFileError {
  return error instanceof Error && (error as { code?: unknown }).code === 'HISTORY_FILE';
}

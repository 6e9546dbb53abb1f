/**
 * A history file that cannot be used as asked: missing when it is read, of an unknown kind, or
 * holding something other than days of lead totals. Nothing was fetched or written.
 */
export class HistoryFileError extends Error {
  override readonly name = 'HistoryFileError';
  readonly code = 'HISTORY_FILE' as const;
  readonly path: string;

  constructor(message: string, path: string, options?: ErrorOptions) {
    super(message, options);
    this.path = path;
  }
}

/** True for a `HistoryFileError`, also one from another copy of this package. */
export function isHistoryFileError(error: unknown): error is HistoryFileError {
  return error instanceof Error && (error as { code?: unknown }).code === 'HISTORY_FILE';
}

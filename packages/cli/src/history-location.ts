import { HistoryFileError, historyAccountOf, historyFormatOf, isHistoryFileError, isPostgresUrl, openHistory, redactedPostgresUrl, type HistoryStore } from '@zen-leads/history';

/**
 * Where a history lives, as the CLI's flags name it (`--out`, `--in`, `--history`, `history copy`):
 * a file, or a PostgreSQL URL whose password must never be printed. Every message names a history
 * by `historyDisplayOf`, never by the flag's raw text.
 */
export function historyDisplayOf(path: string): string {
  return isPostgresUrl(path) ? redactedPostgresUrl(path) : path;
}

/** True when the CLI can open it: a known file extension or a postgres:// URL. */
export function isHistoryLocation(path: string): boolean {
  return historyFormatOf(path) !== undefined;
}

/**
 * Opens a history; in PostgreSQL, under the account of `token` (a hash of it), or, without one,
 * the database's only account.
 */
export async function openHistoryAt(path: string, options: { readOnly?: boolean; token?: string | undefined } = {}): Promise<HistoryStore> {
  const account = isPostgresUrl(path) && options.token ? await historyAccountOf(options.token) : undefined;
  try {
    return await openHistory(path, { ...(options.readOnly ? { readOnly: true } : {}), ...(account === undefined ? {} : { account }) });
  } catch (error) {
    // The library's hint names its option; on the command line the account comes from the token.
    if (!isHistoryFileError(error) || error.reason !== 'ambiguous-account') throw error;
    throw new HistoryFileError(error.problem, error.path, { reason: error.reason, hint: 'Set ZEN_TOKEN to the token whose days you mean: its hash names the account.' });
  }
}

/** The password (raw and decoded) of a postgres:// URL, for the stderr redactor. */
export function historySecretsOf(text: string | undefined): string[] {
  if (text === undefined || !isPostgresUrl(text)) return [];
  try {
    const { password } = new URL(text);
    if (password === '') return [];
    let decoded = password;
    try {
      decoded = decodeURIComponent(password);
    } catch {
      // Keep the raw form only.
    }
    return [...new Set([password, decoded])];
  } catch {
    return [];
  }
}

import type { LeadTotals } from '@zen-leads/core';
import type { TodaySnapshot } from '../intraday/today-snapshot.js';

/** The formats a history can be kept in: a file by its extension, or a PostgreSQL URL. */
export type HistoryFormat = 'ndjson' | 'sqlite' | 'postgres';

/** What a writer knows about a day besides its totals. */
export interface AppendOptions {
  /**
   * When the answer was fetched (default now). PostgreSQL keeps it and lets the newest final
   * answer win; the file stores, append-only, ignore it.
   */
  fetchedAt?: Date;
}

/** A span of calendar days, both ends included; either end may be left open. */
export interface DayRange {
  from?: string;
  to?: string;
}

/** Something found while reading a history that was not a valid day, and what was done about it. */
export interface HistoryIssue {
  /** 1-based line of an NDJSON file; absent for SQLite. */
  line?: number;
  kind: 'torn-last-line' | 'invalid-line' | 'duplicate-day';
  /** A sentence for people, e.g. for a CLI warning. */
  message: string;
}

/**
 * Where days of `LeadTotals` are kept, one entry per day, written so that an interruption at any
 * moment (Ctrl-C, SIGKILL, power loss) leaves every stored day whole: a day is either stored
 * completely or not at all.
 */
export interface HistoryStore {
  readonly path: string;
  readonly format: HistoryFormat;
  /**
   * Whether the day is stored. Looks at the file again first, so a day another process stored in
   * the meantime counts too.
   */
  has(date: string): Promise<boolean>;
  /** Every stored day, refreshed the same way. */
  storedDays(): Promise<ReadonlySet<string>>;
  /**
   * Stores a day durably (on disk before it resolves). Returns false, writing nothing, when the
   * day was already stored: a file history is append-only, a stored day never changes (PostgreSQL
   * replaces it only with a newer final answer, see `PostgresHistory`).
   */
  append(totals: LeadTotals, options?: AppendOptions): Promise<boolean>;
  /** The stored days within `range`, in date order. */
  read(range?: DayRange): Promise<LeadTotals[]>;
  /**
   * Stores an answer for a day that may still grow (today), fetched at `fetchedAt`, durably.
   * Returns false, writing nothing, when it equals the day's last stored snapshot or is not newer
   * than it. Stored compactly (only the users changed since the day's previous snapshot); the
   * days themselves (`append`, `read`) are untouched: the final answer stays what the day is.
   */
  appendSnapshot(totals: LeadTotals, fetchedAt: Date): Promise<boolean>;
  /** The stored snapshots of the days within `range`, full totals each, by date then fetch time. */
  readSnapshots(range?: DayRange): Promise<TodaySnapshot[]>;
  /** Removes the snapshots of days before `before` (`YYYY-MM-DD`, retention); returns how many. */
  pruneSnapshots(before: string): Promise<number>;
  /** What reading the file found and repaired or skipped (a torn last line…). */
  issues(): readonly HistoryIssue[];
  close(): Promise<void>;
}

/** True when `date` lies within `range` (dates as `YYYY-MM-DD` compare as text). */
export function inRange(date: string, range: DayRange | undefined): boolean {
  if (!range) return true;
  return (range.from === undefined || date >= range.from) && (range.to === undefined || date <= range.to);
}

/**
 * Why a history file could not be used: `missing` (nothing to read), `extension` (not a history
 * file name), `not-history` (someone else's file), `newer-schema`, `read-only`, `unreadable`
 * (the file system or SQLite refused), `changed` (another program cut the file while open),
 * `sqlite-unavailable` (this runtime has no SQLite: Node < 22.13 without better-sqlite3),
 * `ambiguous-account` (a PostgreSQL history of several accounts opened without naming one).
 */
export type HistoryFileReason =
  | 'missing'
  | 'extension'
  | 'not-history'
  | 'newer-schema'
  | 'read-only'
  | 'unreadable'
  | 'changed'
  | 'sqlite-unavailable'
  | 'ambiguous-account';

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

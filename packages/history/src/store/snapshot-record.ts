/**
 * How a snapshot is stored compactly: only the users whose totals changed since the day's
 * previous stored snapshot, plus the day's error counts. Reading applies the records of a day in
 * order to rebuild each snapshot's full totals. The same record is an NDJSON line, SQLite's and
 * PostgreSQL's `delta_json`, so the three kinds store one format.
 */
import { isCalendarDate, type LeadErrorCounts, type LeadTotals, type UserLeadTotals } from '@zen-leads/core';
import type { TodaySnapshot } from '../intraday/today-snapshot.js';
import { canonicalLeadTotals, isLeadTotals, serializeLeadTotals } from './lead-totals-record.js';

/** One stored snapshot: what changed since the day's previous one. */
export interface SnapshotRecord {
  date: string;
  /** ISO 8601, UTC. */
  fetchedAt: string;
  /** Users new or changed since the previous snapshot (all of them in the day's first, or when `full`). */
  users: UserLeadTotals[];
  errors: LeadErrorCounts;
  /** Users of the previous snapshot absent from this one. */
  gone?: string[];
  /** The users' order, when applying the changes would not give it (a new user in the middle). */
  order?: string[];
  /** `users` is the whole list (names repeat, so changes cannot be matched by name). */
  full?: true;
}

/** The record that turns `previous` (the day's last stored snapshot, if any) into `totals`. */
export function snapshotRecordOf(previous: LeadTotals | undefined, totals: LeadTotals, fetchedAt: Date): SnapshotRecord {
  const current = canonicalLeadTotals(totals);
  const base = { date: current.date, fetchedAt: fetchedAt.toISOString(), errors: current.errors };
  if (!previous || !uniqueNames(previous.users) || !uniqueNames(current.users)) {
    return previous ? { ...base, users: current.users, full: true } : { ...base, users: current.users };
  }
  const before = new Map(previous.users.map((user) => [user.name, userKey(user)]));
  const names = new Set(current.users.map((user) => user.name));
  const record: SnapshotRecord = { ...base, users: current.users.filter((user) => before.get(user.name) !== userKey(user)) };
  const gone = previous.users.filter((user) => !names.has(user.name)).map((user) => user.name);
  if (gone.length > 0) record.gone = gone;
  const rebuilt = applySnapshotRecord(previous, record);
  if (rebuilt.users.some((user, index) => user.name !== current.users[index]?.name)) record.order = current.users.map((user) => user.name);
  return record;
}

/** The full totals `record` describes, given the day's previous snapshot (undefined for the first). */
export function applySnapshotRecord(previous: LeadTotals | undefined, record: SnapshotRecord): LeadTotals {
  if (!previous || record.full) return { date: record.date, users: record.users, errors: record.errors };
  const users = new Map(previous.users.map((user) => [user.name, user]));
  for (const user of record.users) users.set(user.name, user);
  for (const name of record.gone ?? []) users.delete(name);
  const ordered = record.order ? record.order.map((name) => users.get(name)).filter((user) => user !== undefined) : [...users.values()];
  return { date: record.date, users: ordered, errors: record.errors };
}

export function serializeSnapshotRecord(record: SnapshotRecord): string {
  const { date, fetchedAt, users, errors, gone, order, full } = record;
  return JSON.stringify({ date, fetchedAt, users, errors, ...(gone ? { gone } : {}), ...(order ? { order } : {}), ...(full ? { full } : {}) });
}

/** A stored record read back, or `undefined` when the text is not a whole, valid one. Never throws. */
export function parseSnapshotRecord(text: string): SnapshotRecord | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { date, fetchedAt, users, errors, gone, order, full } = value as Record<string, unknown>;
  if (!isCalendarDate(date) || typeof fetchedAt !== 'string' || Number.isNaN(Date.parse(fetchedAt))) return undefined;
  if (!isLeadTotals({ date, users, errors }) || !optionalNames(gone) || !optionalNames(order) || (full !== undefined && full !== true)) return undefined;
  const day = canonicalLeadTotals({ date, users, errors } as LeadTotals);
  return { date, fetchedAt, users: day.users, errors: day.errors, ...(gone ? { gone } : {}), ...(order ? { order } : {}), ...(full ? { full } : {}) };
}

/**
 * Whether `totals` fetched at `fetchedAt` is worth storing after `last` (the day's last stored
 * snapshot): only when newer and different; a repeat of the same numbers adds nothing.
 */
export function isNewSnapshot(last: TodaySnapshot | undefined, totals: LeadTotals, fetchedAt: Date): boolean {
  if (!last) return true;
  if (fetchedAt.getTime() <= last.fetchedAt.getTime()) return false;
  return serializeLeadTotals(last.totals) !== serializeLeadTotals(totals);
}

/** The snapshot `record` describes, after the day's `previous` one (undefined for the first). */
export function nextSnapshot(previous: TodaySnapshot | undefined, record: SnapshotRecord): TodaySnapshot {
  return { fetchedAt: new Date(record.fetchedAt), totals: applySnapshotRecord(previous?.totals, record) };
}

/**
 * Rebuilds full snapshots from records in (date, fetchedAt) order, each day from its first or from
 * its snapshot in `known`. Calls `onEach` with every rebuilt snapshot; returns the last of each day.
 */
export function rebuildSnapshots(
  records: Iterable<SnapshotRecord>,
  onEach?: (snapshot: TodaySnapshot) => void,
  known?: ReadonlyMap<string, TodaySnapshot>,
): Map<string, TodaySnapshot> {
  const last = new Map(known);
  for (const record of records) {
    const snapshot = nextSnapshot(last.get(record.date), record);
    last.set(record.date, snapshot);
    onEach?.(snapshot);
  }
  return last;
}

/** Orders snapshots by day, then fetch time. */
export function bySnapshotOrder(a: TodaySnapshot, b: TodaySnapshot): number {
  if (a.totals.date !== b.totals.date) return a.totals.date < b.totals.date ? -1 : 1;
  return a.fetchedAt.getTime() - b.fetchedAt.getTime();
}

const userKey = (user: UserLeadTotals): string => JSON.stringify(user);

function uniqueNames(users: readonly UserLeadTotals[]): boolean {
  return new Set(users.map((user) => user.name)).size === users.length;
}

function optionalNames(value: unknown): value is string[] | undefined {
  return value === undefined || (Array.isArray(value) && value.every((name) => typeof name === 'string'));
}

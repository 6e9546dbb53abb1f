import type { HistoryStore } from './history-store.js';

/** How far a copy has come, after each day. */
export interface CopyProgress {
  day: string;
  done: number;
  total: number;
  /** False when the destination already held the day (or a better answer for it). */
  written: boolean;
}

export interface CopyHistoryOptions {
  from?: string;
  to?: string;
  onProgress?: (progress: CopyProgress) => void;
  signal?: AbortSignal;
}

export interface CopyResult {
  /** Days read from the source. */
  total: number;
  /** Days the destination did not hold and now does. */
  written: number;
  /** Days it already held: running a copy again writes nothing. */
  alreadyThere: number;
  /** Snapshots of the source's days (today's answers as fetched) the destination now holds too. */
  snapshots: number;
}

/**
 * Copies every day of one history into another (any two stores, in day order), skipping days the
 * destination holds: idempotent, and resumable after an interruption, as each day lands whole.
 * Then the snapshots, in order: one the destination holds (or a newer one of its day) is skipped.
 */
export async function copyHistory(source: HistoryStore, destination: HistoryStore, options: CopyHistoryOptions = {}): Promise<CopyResult> {
  const range = { ...(options.from === undefined ? {} : { from: options.from }), ...(options.to === undefined ? {} : { to: options.to }) };
  const days = await source.read(range);
  const held = await destination.storedDays();
  let written = 0;
  for (const [index, totals] of days.entries()) {
    options.signal?.throwIfAborted();
    const wrote = !held.has(totals.date) && (await destination.append(totals));
    if (wrote) written++;
    options.onProgress?.({ day: totals.date, done: index + 1, total: days.length, written: wrote });
  }
  let snapshots = 0;
  for (const snapshot of await source.readSnapshots(range)) {
    options.signal?.throwIfAborted();
    if (await destination.appendSnapshot(snapshot.totals, snapshot.fetchedAt)) snapshots++;
  }
  return { total: days.length, written, alreadyThere: days.length - written, snapshots };
}

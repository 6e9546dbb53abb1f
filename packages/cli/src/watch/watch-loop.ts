import { setTimeout as sleepFor } from 'node:timers/promises';
import { addDays, formatSaoPauloDateTime, todayInSaoPaulo, zenErrorOf, type DailyHours, type TotalsResult } from '@zen-leads/core';
import type { HistoryStore, Lang } from '@zen-leads/history';
import { sentence } from '../describe-error.js';
import { msUntilHoursOpen } from '../hours-range.js';
import type { CliMessages } from '../messages/index.js';
import { totalLeadsOf, watchLine, type FiredAlert, type WatchSnapshot } from './watch-line.js';

/** Where the snapshots go: the part of a history (any kind) that `watch` uses. */
export type SnapshotHistory = Pick<HistoryStore, 'appendSnapshot' | 'readSnapshots' | 'pruneSnapshots' | 'has' | 'append'>;

/** What watches the snapshots for trouble: the alert engine, as `watch` wires it. */
export interface SnapshotObserver {
  observe(snapshot: WatchSnapshot, previous: WatchSnapshot | undefined): Promise<readonly FiredAlert[]>;
}

export interface WatchOptions {
  /** A day's answer through the core client: one request per window, shared with other runs. */
  fetch(date: string, signal: AbortSignal | undefined): Promise<TotalsResult>;
  history?: SnapshotHistory | undefined;
  /** Snapshots of days older than this many days are pruned, once a day. */
  retentionDays: number;
  alerts?: SnapshotObserver | undefined;
  /** Fetch only within these São Paulo hours; undefined: every window, day and night. */
  hours: DailyHours | undefined;
  /** The window with its margin: the wait between two requests. */
  windowMs: number;
  now(): number;
  signal?: AbortSignal | undefined;
  /** A window's line (stdout). */
  line(text: string): void;
  /** Anything else worth telling (stderr). */
  note(text: string): void;
  say: CliMessages['watch'];
  /** The language --lang or the locale asked for: alerts are shown in it (else in the rules file's). */
  lang?: Lang | undefined;
}

/** Failures a later window may not meet: the API or the network had a bad moment. */
const PASSING = new Set(['ZEN_NETWORK', 'ZEN_SERVER', 'ZEN_RESPONSE']);

/**
 * Keeps today's snapshots until the signal aborts: one request per window (the core client waits
 * for it, in line with every other run on the token), each new answer stored, watched for alerts
 * and told in a line. A passing failure waits for the next window; at midnight it rolls to the new
 * day after storing the closed day's final answer. Resolves with how many snapshots it stored; an
 * abort only ever lands in a wait, never in the middle of a write.
 */
export async function watchToday(options: WatchOptions): Promise<number> {
  const { history, signal } = options;
  let stored = 0;
  let prunedOn: string | undefined;
  let previous = await lastSnapshotOf(history, todayInSaoPaulo(options.now()));
  while (!signal?.aborted) {
    if (!(await openHours(options))) continue;
    const today = todayInSaoPaulo(options.now());
    if (previous && previous.totals.date !== today) {
      await storeClosedDay(options, previous.totals.date);
      options.note(options.say.newDay(today));
      previous = undefined;
    }
    if (history && prunedOn !== today) {
      await history.pruneSnapshots(addDays(today, -options.retentionDays));
      prunedOn = today;
    }
    const result = await fetchOrWait(options, today);
    if (result === undefined) continue;
    if (previous && result.fetchedAt.getTime() <= previous.fetchedAt.getTime()) {
      // The cache still holds an answer already seen: it expires when that answer's window turns.
      await pause(options, Math.max(1_000, result.fetchedAt.getTime() + options.windowMs - options.now()));
      continue;
    }
    const snapshot: WatchSnapshot = { fetchedAt: result.fetchedAt, totals: result.totals };
    if (history && (await history.appendSnapshot(snapshot.totals, snapshot.fetchedAt))) stored++;
    const fired = options.alerts ? await options.alerts.observe(snapshot, previous) : [];
    options.line(watchLine(snapshot, previous, fired, options.say, options.lang));
    previous = snapshot;
    await pause(options, result.fetchedAt.getTime() + options.windowMs - options.now());
  }
  return stored;
}

/** The history's last snapshot of today (another run's, the gateway's): the first line's "new" counts from it. */
async function lastSnapshotOf(history: SnapshotHistory | undefined, today: string): Promise<WatchSnapshot | undefined> {
  if (!history) return undefined;
  return (await history.readSnapshots({ from: today, to: today })).at(-1);
}

/** True inside the hours; otherwise says when they open, sleeps until then and returns false. */
async function openHours(options: WatchOptions): Promise<boolean> {
  if (!options.hours) return true;
  const wait = msUntilHoursOpen(options.hours, options.now());
  if (wait === 0) return true;
  options.note(options.say.outsideHours(options.hours.from, options.hours.to, timeOf(options.now() + wait)));
  await pause(options, wait);
  return false;
}

/**
 * Today's answer; a passing failure or a window taken for longer than `--max-wait` is told and
 * waited out (undefined). Anything else (a refused token, a wrong URL) ends the watch: no later
 * window would answer differently.
 */
async function fetchOrWait(options: WatchOptions, today: string): Promise<TotalsResult | undefined> {
  try {
    return await options.fetch(today, options.signal);
  } catch (error) {
    if (options.signal?.aborted) return undefined;
    const known = zenErrorOf(error);
    if (known?.code === 'ZEN_RATE_LIMITED') {
      const at = known.retryAt?.getTime() ?? options.now() + options.windowMs;
      options.note(options.say.windowBusy(timeOf(at)));
      await pause(options, at - options.now());
      return undefined;
    }
    if (!known || !PASSING.has(known.code)) throw error;
    const at = options.now() + options.windowMs;
    options.note(options.say.failed(sentence(known.problem), timeOf(at)));
    await pause(options, options.windowMs);
    return undefined;
  }
}

/**
 * A watched day that closed: its final answer (one window) is stored as the day, unless the history
 * has it already. A failure is told, not fatal: `zen-leads backfill` can store the day later.
 */
async function storeClosedDay(options: WatchOptions, day: string): Promise<void> {
  const { history } = options;
  if (!history || (await history.has(day))) return;
  try {
    const result = await options.fetch(day, options.signal);
    await history.append(result.totals, { fetchedAt: result.fetchedAt });
    options.note(options.say.closedDay(day, totalLeadsOf(result.totals)));
  } catch (error) {
    if (options.signal?.aborted) return;
    const known = zenErrorOf(error);
    options.note(options.say.closedDayFailed(day, known ? known.problem : String(error)));
  }
}

/** Sleeps `ms`, or less when the signal aborts (never rejects). */
async function pause(options: WatchOptions, ms: number): Promise<void> {
  if (ms <= 0 || options.signal?.aborted) return;
  await sleepFor(ms, undefined, options.signal ? { signal: options.signal } : {}).catch(() => undefined);
}

function timeOf(instant: number): string {
  return formatSaoPauloDateTime(instant).slice(11, 16);
}

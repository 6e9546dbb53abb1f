import { addDays, todayInSaoPaulo, type TotalsResult } from '@zen-leads/core';
import { intradayOf, typicalCurveOf, type Intraday, type SnapshotStore, type TodaySnapshot } from '@zen-leads/history';

/** What an alert engine is told of each new snapshot: the one before it and the day's typical curve. */
export interface SnapshotContext {
  previous?: TodaySnapshot;
  typical?: readonly number[];
}

export interface TodaySnapshotsOptions {
  /** The history (its snapshot methods), or `MemorySnapshots` without one. */
  store: SnapshotStore;
  /** Days of snapshots kept; older ones are pruned once a day. */
  retentionDays: number;
  /** Each snapshot actually stored (not a repeat of the last one), in order. */
  onSnapshot?: (snapshot: TodaySnapshot, context: SnapshotContext) => Promise<void>;
  log: (line: string) => void;
}

/**
 * Today's answers as a time series: every answer for today that reaches the gateway (a client's,
 * an idle window's, one read from the shared cache) becomes a snapshot, stored in order one after
 * another, then handed on (to the alert engine). Nothing here sends a request: snapshots ride on
 * the answers the gateway gets anyway.
 */
export class TodaySnapshots {
  readonly #options: TodaySnapshotsOptions;
  #writes: Promise<void> = Promise.resolve();
  /** The day's last stored snapshot (read from the store once per day after a start). */
  #last: TodaySnapshot | undefined;
  #prunedOn: string | undefined;
  #typical: { date: string; curve: Promise<number[] | undefined> } | undefined;
  #stored = 0;

  constructor(options: TodaySnapshotsOptions) {
    this.#options = options;
  }

  /** Snapshots stored by this process since it started (metric `zen_gateway_snapshots_total`). */
  get stored(): number {
    return this.#stored;
  }

  /** Keeps `result` as a snapshot when it is an answer for its own São Paulo day (today, as it was fetched). */
  record(result: TotalsResult): Promise<void> {
    const { totals, fetchedAt } = result;
    if (totals.date !== todayInSaoPaulo(fetchedAt.getTime())) return this.#writes;
    this.#writes = this.#writes
      .then(() => this.#append({ totals, fetchedAt }))
      .catch((error: unknown) => this.#options.log(`snapshots: could not store today's snapshot: ${error instanceof Error ? error.message : String(error)}`));
    return this.#writes;
  }

  /** The day's snapshots, oldest first. */
  async read(date: string): Promise<TodaySnapshot[]> {
    await this.#writes;
    return this.#options.store.readSnapshots({ from: date, to: date });
  }

  /** The day's intraday series (per snapshot: cumulative and new leads per user, problem counts). */
  async intraday(date: string): Promise<Intraday> {
    return intradayOf(await this.read(date), date);
  }

  /**
   * The day's typical cumulative curve (24 São Paulo hours; median of the last 4 like weekdays
   * with snapshots), worked out once per day: the days it reads are closed.
   */
  typical(date: string): Promise<number[] | undefined> {
    if (this.#typical?.date !== date) {
      const curve = typicalCurveOf(this.#options.store, date).catch((error: unknown) => {
        this.#options.log(`snapshots: could not read past days for the typical curve: ${error instanceof Error ? error.message : String(error)}`);
        this.#typical = undefined;
        return undefined;
      });
      this.#typical = { date, curve };
    }
    return this.#typical.curve;
  }

  settled(): Promise<void> {
    return this.#writes;
  }

  async #append(snapshot: TodaySnapshot): Promise<void> {
    const { store, onSnapshot } = this.#options;
    const date = snapshot.totals.date;
    await this.#pruneOnceOn(date);
    const previous = this.#last?.totals.date === date ? this.#last : (await store.readSnapshots({ from: date, to: date })).at(-1);
    if (!(await store.appendSnapshot(snapshot.totals, snapshot.fetchedAt))) {
      this.#last = previous;
      return;
    }
    this.#stored++;
    this.#last = snapshot;
    const typical = await this.typical(date);
    await onSnapshot?.(snapshot, { ...(previous ? { previous } : {}), ...(typical ? { typical } : {}) });
  }

  /** Once per day (the first snapshot of a day, or of this process): snapshots older than the retention go. */
  async #pruneOnceOn(date: string): Promise<void> {
    if (this.#prunedOn === date) return;
    this.#prunedOn = date;
    const removed = await this.#options.store.pruneSnapshots(addDays(date, -this.#options.retentionDays));
    if (removed > 0) this.#options.log(`snapshots: pruned ${removed} snapshots older than ${this.#options.retentionDays} days`);
  }
}

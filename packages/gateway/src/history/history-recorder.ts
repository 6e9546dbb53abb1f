import { dateRange, type LeadTotals, type TotalsResult } from '@zen-leads/core';
import { isFinalAnswer } from '@zen-leads/core/internal';
import type { HistoryStore } from '@zen-leads/history';

/**
 * The gateway's use of a history (`@zen-leads/history`): every final answer that passes through
 * is stored once, the idle-window jobs ask which days are missing, and the dashboard reads recent days.
 * Writes are queued one after another, so two answers never interleave in the file.
 */
export class HistoryRecorder {
  readonly #store: HistoryStore;
  readonly #log: (line: string) => void;
  #stored: ReadonlySet<string> | undefined;
  #writes: Promise<void> = Promise.resolve();
  #version = 0;

  constructor(store: HistoryStore, log: (line: string) => void) {
    this.#store = store;
    this.#log = log;
  }

  /** Changes whenever a day is added, so readers can tell their copy is stale. */
  get version(): number {
    return this.#version;
  }

  /** Stores the day if its numbers are final and it is not stored yet. */
  record(result: TotalsResult): Promise<void> {
    if (!isFinalAnswer(result.totals.date, result.fetchedAt) || this.#stored?.has(result.totals.date)) return this.#writes;
    this.#writes = this.#writes.then(() => this.#append(result.totals, result.fetchedAt)).catch((error: unknown) => {
      this.#log(`history: could not store ${result.totals.date} in ${this.#store.path}: ${error instanceof Error ? error.message : String(error)}`);
    });
    return this.#writes;
  }

  /** Days from `from` to `to` the history lacks, oldest first (looks at the file again). */
  async missingDays(from: string, to: string): Promise<string[]> {
    await this.#writes;
    const stored = await this.#refresh();
    return from > to ? [] : dateRange(from, to).filter((day) => !stored.has(day));
  }

  async read(from: string, to: string): Promise<LeadTotals[]> {
    await this.#writes;
    return this.#store.read({ from, to });
  }

  settled(): Promise<void> {
    return this.#writes;
  }

  async #refresh(): Promise<ReadonlySet<string>> {
    const stored = await this.#store.storedDays();
    if (stored.size !== this.#stored?.size) this.#version++;
    this.#stored = stored;
    return stored;
  }

  async #append(totals: LeadTotals, fetchedAt: Date): Promise<void> {
    const stored = this.#stored ?? (await this.#refresh());
    if (stored.has(totals.date)) return;
    // When it was fetched: a shared PostgreSQL history keeps the newest final answer of a day.
    if (await this.#store.append(totals, { fetchedAt })) {
      this.#version++;
      this.#log(`history: stored ${totals.date} in ${this.#store.path}`);
    }
    this.#stored = new Set([...stored, totals.date]);
  }
}

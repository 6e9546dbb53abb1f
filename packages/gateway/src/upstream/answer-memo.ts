import type { TotalsResult } from '@zen-leads/core';
import { isFinalAnswer, sha256Hex } from '@zen-leads/core/internal';

/** Milliseconds since the API answered. */
export function ageMs(result: TotalsResult, now: number): number {
  return Math.max(0, now - result.fetchedAt.getTime());
}

/** A day's answer as this process keeps it, with the representations made from it so far. */
export interface MemoEntry {
  result: TotalsResult;
  /** A strong validator of the upstream body: the first 128 bits of its SHA-256, hex. */
  digest: string;
  /** Fetched after the day ended: the numbers are final (worked out once, not per request). */
  final: boolean;
  /** `fetchedAt` as an HTTP date, for `Last-Modified`. */
  lastModified: string;
  /** JSON and CSV renderings, made once per answer (a closed day never changes). */
  renderings: Map<string, string>;
  /** When it was last read, for evicting the least recently used. */
  usedAt: number;
}

export interface AnswerMemoOptions {
  maxEntries?: number;
  maxBytes?: number;
}

/**
 * The answers this process has seen, bounded by count and bytes (least recently used go first). Answering
 * from memory keeps the hot path off the store (a file read or a Redis round trip, then a decode)
 * and makes the ETag once per answer instead of once per request.
 */
export class AnswerMemo {
  readonly #entries = new Map<string, MemoEntry>();
  readonly #maxEntries: number;
  readonly #maxBytes: number;
  #bytes = 0;
  #uses = 0;

  constructor(options: AnswerMemoOptions = {}) {
    this.#maxEntries = options.maxEntries ?? 400;
    this.#maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  }

  get(date: string): MemoEntry | undefined {
    const entry = this.#entries.get(date);
    // A use stamp rather than re-inserting into the Map: reads are the hot path, evictions rare.
    if (entry) entry.usedAt = ++this.#uses;
    return entry;
  }

  /** Keeps `result` unless a newer answer for the day is already kept. */
  async put(result: TotalsResult): Promise<MemoEntry> {
    const date = result.totals.date;
    const current = this.#entries.get(date);
    if (current && current.result.fetchedAt >= result.fetchedAt && current.result.body === result.body) return current;
    const entry: MemoEntry = {
      result,
      // The first 128 bits are plenty for a validator, and keep the header short.
      digest: (await sha256Hex(result.body)).slice(0, 32),
      final: isFinalAnswer(result.totals.date, result.fetchedAt),
      lastModified: result.fetchedAt.toUTCString(),
      renderings: new Map(),
      usedAt: ++this.#uses,
    };
    const raced = this.#entries.get(date);
    if (raced && raced.result.fetchedAt > result.fetchedAt) return raced;
    this.#remove(date);
    this.#entries.set(date, entry);
    this.#bytes += result.body.length;
    this.#evict();
    return entry;
  }

  #remove(date: string): void {
    const entry = this.#entries.get(date);
    if (!entry) return;
    this.#bytes -= entry.result.body.length;
    this.#entries.delete(date);
  }

  #evict(): void {
    while (this.#entries.size > 1 && (this.#entries.size > this.#maxEntries || this.#bytes > this.#maxBytes)) {
      let oldest: [string, MemoEntry] | undefined;
      for (const pair of this.#entries) if (!oldest || pair[1].usedAt < oldest[1].usedAt) oldest = pair;
      if (oldest) this.#remove(oldest[0]);
    }
  }
}

/**
 * An NDJSON history's snapshots, in a sibling file (`leads.ndjson` → `leads.snapshots.ndjson`):
 * one compact record per line (`SnapshotRecord`), append-only and crash-safe like the days file
 * (one `write` per line on an `O_APPEND` descriptor, `fdatasync` before `append` resolves; a torn
 * last line is ignored by readers and cut off by the next writer). Pruning rewrites the file into
 * a temporary one and renames it over the old: a kill leaves the old file or the new, never half.
 * The file is created on the first snapshot, so a history that never gets one never has it.
 */
import { constants } from 'node:fs';
import { open, readFile, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import type { LeadTotals } from '@zen-leads/core';
import type { TodaySnapshot } from '../intraday/today-snapshot.js';
import { HistoryFileError, inRange, type DayRange, type HistoryIssue } from './history-store.js';
import { bySnapshotOrder, isNewSnapshot, parseSnapshotRecord, rebuildSnapshots, serializeSnapshotRecord, snapshotRecordOf, type SnapshotRecord } from './snapshot-record.js';

/** The snapshots file beside an NDJSON history: `leads.ndjson` → `leads.snapshots.ndjson`. */
export function snapshotsPathOf(historyPath: string): string {
  const extension = extname(historyPath);
  return `${historyPath.slice(0, historyPath.length - extension.length)}.snapshots${extension || '.ndjson'}`;
}

export class NdjsonSnapshots {
  readonly path: string;
  readonly #readOnly: boolean;
  readonly #fileMode: number;
  #handle: FileHandle | undefined;
  /** The inode the handle writes to: a prune by another process replaces the file under it. */
  #inode = -1;
  #scannedBytes = 0;
  #pendingTail = false;
  #last = new Map<string, TodaySnapshot>();
  #issues: HistoryIssue[] = [];
  /** One operation at a time: a prune must not drop an append made while it copies. */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(historyPath: string, options: { readOnly?: boolean; fileMode?: number } = {}) {
    this.path = snapshotsPathOf(historyPath);
    this.#readOnly = options.readOnly === true;
    this.#fileMode = options.fileMode ?? 0o644;
  }

  append(totals: LeadTotals, fetchedAt: Date): Promise<boolean> {
    return this.#serially(async () => {
      const handle = await this.#writer();
      if (!isNewSnapshot(this.#last.get(totals.date), totals, fetchedAt)) return false;
      const lead = this.#pendingTail ? '\n' : '';
      const line = Buffer.from(`${lead}${serializeSnapshotRecord(snapshotRecordOf(this.#last.get(totals.date)?.totals, totals, fetchedAt))}\n`, 'utf8');
      let written = 0;
      // One write for the whole line; the loop only covers a short write (a full disk, a signal).
      while (written < line.length) written += (await handle.write(line, written, line.length - written, null)).bytesWritten;
      await handle.datasync();
      await this.#refresh();
      return true;
    });
  }

  read(range?: DayRange): Promise<TodaySnapshot[]> {
    return this.#serially(async () => {
      const bytes = await readIfThere(this.path);
      if (!bytes) return [];
      const { records, issues } = scanRecords(bytes, this.path, true);
      this.#issues = issues;
      const snapshots: TodaySnapshot[] = [];
      rebuildSnapshots(records, (snapshot) => {
        if (inRange(snapshot.totals.date, range)) snapshots.push(snapshot);
      });
      return snapshots.sort(bySnapshotOrder);
    });
  }

  prune(before: string): Promise<number> {
    return this.#serially(async () => {
      if (this.#readOnly) throw new HistoryFileError(`${this.path} was opened read-only.`, this.path, { reason: 'read-only' });
      const bytes = await readIfThere(this.path);
      if (!bytes) return 0;
      const kept: string[] = [];
      let removed = 0;
      for (const record of scanRecords(bytes, this.path, true).records) {
        if (record.date < before) removed++;
        else kept.push(serializeSnapshotRecord(record));
      }
      if (removed === 0) return 0;
      await replaceFile(this.path, kept.map((line) => `${line}\n`).join(''), this.#fileMode);
      await this.#reopen();
      return removed;
    });
  }

  issues(): readonly HistoryIssue[] {
    return this.#issues;
  }

  async close(): Promise<void> {
    await this.#queue.catch(() => undefined);
    await this.#handle?.close();
    this.#handle = undefined;
  }

  #serially<T>(work: () => Promise<T>): Promise<T> {
    const next = this.#queue.then(work, work);
    this.#queue = next.catch(() => undefined);
    return next;
  }

  /** The append handle, opened on first use and again when the file was replaced; up to date. */
  async #writer(): Promise<FileHandle> {
    if (this.#readOnly) throw new HistoryFileError(`${this.path} was opened read-only.`, this.path, { reason: 'read-only' });
    const onDisk = await stat(this.path).then((found) => found.ino, () => -1);
    if (!this.#handle || onDisk !== this.#inode) await this.#reopen();
    // A file this call created: make its directory entry durable too.
    if (onDisk === -1) await syncDirectory(dirname(this.path));
    await this.#refresh();
    return this.#handle as FileHandle;
  }

  async #reopen(): Promise<void> {
    await this.#handle?.close();
    this.#handle = undefined;
    let handle: FileHandle;
    try {
      handle = await open(this.path, constants.O_RDWR | constants.O_APPEND | constants.O_CREAT, this.#fileMode);
    } catch (error) {
      throw new HistoryFileError(`cannot open ${this.path} for writing: ${(error as Error).message}`, this.path, { reason: 'unreadable', cause: error });
    }
    this.#handle = handle;
    this.#inode = (await handle.stat()).ino;
    this.#scannedBytes = 0;
    this.#last = new Map();
    await this.#refresh();
    if (!this.#pendingTail) return;
    // A last line without its newline is a write cut short by a kill: that snapshot was never
    // stored. Cut it off so the next line starts clean.
    await handle.truncate(this.#scannedBytes);
    await handle.datasync();
    this.#pendingTail = false;
  }

  /** Takes in the lines appended since the last look (by this process or another). */
  async #refresh(): Promise<void> {
    const handle = this.#handle as FileHandle;
    const size = (await handle.stat()).size;
    if (size < this.#scannedBytes) {
      throw new HistoryFileError(`${this.path} shrank while open (another program truncated it); stopping before any more is written.`, this.path, { reason: 'changed' });
    }
    if (size === this.#scannedBytes) return;
    const fresh = Buffer.alloc(size - this.#scannedBytes);
    const { bytesRead } = await handle.read(fresh, 0, fresh.length, this.#scannedBytes);
    const scan = scanRecords(fresh.subarray(0, bytesRead), this.path, false);
    this.#scannedBytes += scan.completeBytes;
    this.#pendingTail = scan.tail;
    this.#issues.push(...scan.issues);
    this.#last = rebuildSnapshots(scan.records, undefined, this.#last);
  }
}

const NEWLINE = 0x0a;

/** The valid records among the complete lines of `bytes`; a fragment after the last newline is `tail`. */
function scanRecords(bytes: Buffer, path: string, final: boolean): { records: SnapshotRecord[]; issues: HistoryIssue[]; completeBytes: number; tail: boolean } {
  const records: SnapshotRecord[] = [];
  const issues: HistoryIssue[] = [];
  let start = 0;
  let line = 0;
  for (let end = bytes.indexOf(NEWLINE); end >= 0; end = bytes.indexOf(NEWLINE, start)) {
    line++;
    const text = bytes.toString('utf8', start, end).trim();
    start = end + 1;
    if (text === '') continue;
    const record = parseSnapshotRecord(text);
    if (record) records.push(record);
    else issues.push({ kind: 'invalid-line', message: `${basename(path)}: a line is not a snapshot of lead totals; it was ignored.` });
  }
  const tail = start < bytes.length;
  if (tail && final) issues.push({ line: line + 1, kind: 'torn-last-line', message: `${basename(path)}: the last line is incomplete (an interrupted write); it was ignored.` });
  return { records, issues, completeBytes: start, tail };
}

async function readIfThere(path: string): Promise<Buffer | undefined> {
  try {
    return await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new HistoryFileError(`cannot read ${path}: ${(error as Error).message}`, path, { reason: 'unreadable', cause: error });
  }
}

/** Writes `text` to a temporary file beside `path`, flushes it, and renames it over `path`. */
async function replaceFile(path: string, text: string, mode: number): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  const handle = await open(temporary, 'w', mode);
  try {
    await handle.writeFile(text, 'utf8');
    await handle.datasync();
  } catch (error) {
    await handle.close();
    await rm(temporary, { force: true });
    throw error;
  }
  await handle.close();
  await rename(temporary, path);
  await syncDirectory(dirname(path));
}

/** Makes the rename durable (fsync of the folder); not every platform can (Windows). */
async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r').catch(() => undefined);
  await handle?.sync().catch(() => undefined);
  await handle?.close();
}

/**
 * A history as NDJSON: one `LeadTotals` per line, one line per day, append-only. Each day is
 * written with one `write` of the whole line on an `O_APPEND` descriptor and flushed with
 * `fdatasync` before `append` resolves, so a kill can at worst leave a torn last line — which
 * readers ignore and the next writer cuts off (that day was never stored, so it is fetched again).
 */
import { constants } from 'node:fs';
import { open, readFile, stat, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { LeadTotals } from '@zen-leads/core';
import { HistoryFileError, inRange, type DayRange, type HistoryIssue, type HistoryStore } from './history-store.js';
import { parseLeadTotalsRecord, serializeLeadTotals } from './lead-totals-record.js';
import { NdjsonSnapshots } from './ndjson-snapshots.js';
import type { TodaySnapshot } from '../intraday/today-snapshot.js';

/** Options of `NdjsonHistory.open`. */
export interface NdjsonHistoryOptions {
  /** Only read: the file must exist and is never changed (no repair of a torn last line). */
  readOnly?: boolean;
  /** Permissions of the file when this call creates it (default 0o644, less the umask). */
  fileMode?: number;
}

export class NdjsonHistory implements HistoryStore {
  readonly path: string;
  readonly format = 'ndjson' as const;
  readonly #handle: FileHandle | undefined;
  readonly #days = new Set<string>();
  /** Days this writer appended whose lines a later refresh will meet again. */
  readonly #ownLines = new Set<string>();
  #issues: HistoryIssue[] = [];
  /** Bytes of complete lines already taken in. */
  #scannedBytes = 0;
  #scannedLines = 0;
  /** True when the file ended, at the last look, in bytes after the last newline. */
  #pendingTail = false;
  /** The snapshots, in a sibling file (`leads.snapshots.ndjson`). */
  readonly #snapshots: NdjsonSnapshots;

  private constructor(path: string, handle: FileHandle | undefined, options: NdjsonHistoryOptions) {
    this.path = path;
    this.#handle = handle;
    this.#snapshots = new NdjsonSnapshots(path, options);
  }

  /**
   * Opens (creating when writing) the history at `path`. A writer repairs a torn last line and
   * refuses a file whose other lines are not days of lead totals: it is not a history, and
   * appending to it would damage someone's file.
   */
  static async open(path: string, options: NdjsonHistoryOptions = {}): Promise<NdjsonHistory> {
    if (options.readOnly) {
      const history = new NdjsonHistory(path, undefined, options);
      const bytes = await readExisting(path);
      history.#takeIn(bytes, { final: true });
      return history;
    }
    const existed = await exists(path);
    let handle: FileHandle;
    try {
      handle = await open(path, constants.O_RDWR | constants.O_APPEND | constants.O_CREAT, options.fileMode ?? 0o644);
    } catch (error) {
      throw new HistoryFileError(`cannot open ${path} for writing: ${(error as Error).message}`, path, { reason: 'unreadable', cause: error });
    }
    const history = new NdjsonHistory(path, handle, options);
    try {
      if (!existed) await syncDirectory(dirname(path));
      await history.#openForWriting();
    } catch (error) {
      await handle.close();
      throw error;
    }
    return history;
  }

  async has(date: string): Promise<boolean> {
    await this.#refresh();
    return this.#days.has(date);
  }

  async storedDays(): Promise<ReadonlySet<string>> {
    await this.#refresh();
    return new Set(this.#days);
  }

  async append(totals: LeadTotals): Promise<boolean> {
    const handle = this.#writer();
    if (await this.has(totals.date)) return false;
    // After a fragment left by another writer that died mid-line, start on a line of our own so
    // this day is never glued to it.
    const lead = this.#pendingTail ? '\n' : '';
    const line = Buffer.from(`${lead}${serializeLeadTotals(totals)}\n`, 'utf8');
    let written = 0;
    // One write for the whole line; the loop only covers a short write (a full disk, a signal).
    while (written < line.length) {
      const { bytesWritten } = await handle.write(line, written, line.length - written, null);
      written += bytesWritten;
    }
    await handle.datasync();
    this.#days.add(totals.date);
    this.#ownLines.add(totals.date);
    return true;
  }

  async read(range?: DayRange): Promise<LeadTotals[]> {
    const bytes = await readExisting(this.path);
    const scan = scanNdjson(bytes, 1, new Set());
    this.#issues = scan.issues;
    if (scan.tail) this.#issues.push(tornTail(scan.lines + 1));
    return scan.days
      .map((day) => day.totals)
      .filter((totals) => inRange(totals.date, range))
      .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  }

  appendSnapshot(totals: LeadTotals, fetchedAt: Date): Promise<boolean> {
    return this.#snapshots.append(totals, fetchedAt);
  }

  readSnapshots(range?: DayRange): Promise<TodaySnapshot[]> {
    return this.#snapshots.read(range);
  }

  pruneSnapshots(before: string): Promise<number> {
    return this.#snapshots.prune(before);
  }

  issues(): readonly HistoryIssue[] {
    return [...this.#issues, ...this.#snapshots.issues()];
  }

  async close(): Promise<void> {
    await this.#snapshots.close();
    await this.#handle?.close();
  }

  #writer(): FileHandle {
    if (!this.#handle) throw new HistoryFileError(`${this.path} was opened read-only.`, this.path, { reason: 'read-only' });
    return this.#handle;
  }

  async #openForWriting(): Promise<void> {
    const handle = this.#writer();
    const bytes = await handle.readFile();
    const scan = this.#takeIn(bytes, { final: false });
    // A file with lines but not one day in them is someone else's: appending would damage it. A
    // bad line among good ones (a crash of a concurrent writer, a hand edit) is only reported.
    const invalid = scan.issues.find((issue) => issue.kind === 'invalid-line');
    if (invalid && this.#days.size === 0) {
      throw new HistoryFileError(
        `${this.path} does not look like a lead-totals history: ${invalid.message.replace(/; it was ignored\.$/, '')}. Nothing was written; choose another file or fix that line.`,
        this.path,
        { reason: 'not-history' },
      );
    }
    if (!scan.tail) return;
    // A last line without its newline: complete it when it is a whole day (an edit that lost the
    // final newline), otherwise it is a write cut short by a kill: cut it off.
    if (parseLeadTotalsRecord(scan.tail.toString('utf8'))) {
      await handle.write('\n', null, 'utf8');
      await handle.datasync();
      this.#takeIn(Buffer.concat([scan.tail, Buffer.from('\n')]), { final: false });
      return;
    }
    await handle.truncate(this.#scannedBytes);
    await handle.datasync();
    this.#pendingTail = false;
    this.#issues.push({
      line: this.#scannedLines + 1,
      kind: 'torn-last-line',
      message: `the last line (${scan.tail.length} bytes, an interrupted write) was not a whole day; it was removed and that day will be fetched again.`,
    });
  }

  /** Takes in any lines appended since the last look (by this process or another). */
  async #refresh(): Promise<void> {
    if (!this.#handle) return;
    const size = (await this.#handle.stat()).size;
    if (size < this.#scannedBytes) {
      throw new HistoryFileError(`${this.path} shrank while open (another program truncated it); stopping before any more is written.`, this.path, { reason: 'changed' });
    }
    if (size === this.#scannedBytes) return;
    const fresh = Buffer.alloc(size - this.#scannedBytes);
    const { bytesRead } = await this.#handle.read(fresh, 0, fresh.length, this.#scannedBytes);
    this.#takeIn(fresh.subarray(0, bytesRead), { final: false });
  }

  /** Adds the complete lines of `bytes` (which start where the last scan ended). */
  #takeIn(bytes: Buffer, { final }: { final: boolean }): ReturnType<typeof scanNdjson> {
    const scan = scanNdjson(bytes, this.#scannedLines + 1, this.#days, (date) => this.#ownLines.delete(date));
    this.#scannedBytes += scan.completeBytes;
    this.#scannedLines += scan.lines;
    this.#pendingTail = scan.tail !== undefined;
    this.#issues.push(...scan.issues);
    // A reader that will not look again reports a trailing fragment now; a writer's refresh
    // leaves it for later, as another process may be in the middle of writing it.
    if (final && scan.tail) this.#issues.push(tornTail(this.#scannedLines + 1));
    return scan;
  }
}

function tornTail(line: number): HistoryIssue {
  return { line, kind: 'torn-last-line', message: `line ${line} is incomplete (an interrupted write); it was ignored.` };
}

async function readExisting(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new HistoryFileError(`no history at ${path}.`, path, { reason: 'missing', cause: error });
    throw new HistoryFileError(`cannot read ${path}: ${(error as Error).message}`, path, { reason: 'unreadable', cause: error });
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/** Makes a newly created file's directory entry durable too (fsync of the folder). */
async function syncDirectory(dir: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // Not every platform can fsync a folder (Windows); the file's own data is still flushed.
  } finally {
    await handle?.close();
  }
}

const NEWLINE = 0x0a;

/** What a run over NDJSON bytes found. */
export interface NdjsonScan {
  /** Valid days, in file order; a later line for a day already seen is left out (and reported). */
  days: { line: number; totals: LeadTotals }[];
  issues: HistoryIssue[];
  /** Bytes up to and including the last newline: the complete lines. */
  completeBytes: number;
  /** Lines seen (complete ones), to number lines of the next chunk. */
  lines: number;
  /** The bytes after the last newline, when there are any: a line still being written or torn. */
  tail: Buffer | undefined;
}

/**
 * Reads complete NDJSON lines from `bytes` (starting at line `firstLine`), skipping blank lines.
 * Lines that are not a valid day are reported, never thrown about. `seen` holds the days known
 * from earlier chunks; a repeated day is reported unless `isOwnWrite` claims it.
 */
export function scanNdjson(
  bytes: Buffer,
  firstLine: number,
  seen: Set<string>,
  isOwnWrite: (date: string) => boolean = () => false,
): NdjsonScan {
  const scan: NdjsonScan = { days: [], issues: [], completeBytes: 0, lines: 0, tail: undefined };
  let start = 0;
  for (;;) {
    const end = bytes.indexOf(NEWLINE, start);
    if (end < 0) break;
    const lineNumber = firstLine + scan.lines;
    scan.lines++;
    const text = bytes.toString('utf8', start, end).replace(/\r$/, '');
    start = end + 1;
    scan.completeBytes = start;
    if (text.trim() === '') continue;
    const totals = parseLeadTotalsRecord(text);
    if (!totals) {
      scan.issues.push({
        line: lineNumber,
        kind: 'invalid-line',
        message: `line ${lineNumber} is not a day of lead totals (${describe(text)}); it was ignored.`,
      });
      continue;
    }
    if (seen.has(totals.date)) {
      if (!isOwnWrite(totals.date)) {
        scan.issues.push({
          line: lineNumber,
          kind: 'duplicate-day',
          message: `line ${lineNumber} repeats ${totals.date}, already stored earlier in the file; the first one is kept.`,
        });
      }
      continue;
    }
    seen.add(totals.date);
    scan.days.push({ line: lineNumber, totals });
  }
  if (start < bytes.length) scan.tail = bytes.subarray(start);
  return scan;
}

function describe(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 60 ? `starts ${JSON.stringify(flat.slice(0, 60))}…` : JSON.stringify(flat);
}

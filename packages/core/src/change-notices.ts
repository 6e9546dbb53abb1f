import { type FSWatcher, watch } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';

/** Where the notices live and how they are written. */
export interface ChangeNoticeOptions {
  dir: string;
  /** The change file of a key, in `dir`. */
  pathFor(key: string): string;
  /** Creates `dir` when missing. */
  ready(): Promise<void>;
  /** Writes a file atomically. */
  write(path: string, text: string): Promise<void>;
}

/** Where `fs.watch` is missing or fails, change files are read this often instead (one reader per store object). */
const FALLBACK_POLL_MS = 250;

let noticeSequence = 0;

/**
 * Change notices between processes on one machine: `notify` writes a fresh mark into the key's
 * small change file, and one `fs.watch` on the folder per store object (not one per waiter) hears
 * it and tells that object's listeners. A notice is told once, however many events the file
 * system reports for it. Where watching is not possible, one timer reads the change files instead.
 * A file system that loses events (some network mounts) only delays a waiter until its next
 * re-check (the scheduler re-checks watched stores every 2 s).
 */
export class ChangeNotices {
  readonly #options: ChangeNoticeOptions;
  readonly #listeners = new Map<string, Set<() => void>>();
  /** The last mark seen per key, so that a notice is told once. */
  readonly #seen = new Map<string, string>();
  #watcher: FSWatcher | undefined;
  #poller: ReturnType<typeof setInterval> | undefined;
  #starting = false;

  constructor(options: ChangeNoticeOptions) {
    this.#options = options;
  }

  watch(key: string, listener: () => void): () => void {
    const listeners = this.#listeners.get(key) ?? new Set();
    this.#listeners.set(key, listeners);
    listeners.add(listener);
    this.#start();
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0 && this.#listeners.get(key) === listeners) this.#listeners.delete(key);
      if (this.#listeners.size === 0) this.#stop();
    };
  }

  async notify(key: string): Promise<void> {
    const mark = `${process.pid}-${(noticeSequence++).toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
    this.#seen.set(key, mark);
    // This object's own listeners hear it at once; the file tells everyone else.
    this.#tell(key);
    await this.#options.ready();
    await this.#options.write(this.#options.pathFor(key), mark);
  }

  #start(): void {
    if (this.#watcher || this.#poller || this.#starting) return;
    this.#starting = true;
    void this.#startWatching().finally(() => (this.#starting = false));
  }

  async #startWatching(): Promise<void> {
    try {
      await this.#options.ready();
      // What each change file says before the watch is in place: only what differs later is news.
      await Promise.all([...this.#listeners.keys()].map((key) => this.#check(key, true)));
    } catch {
      // The folder cannot be made: the reads below find nothing, and the scheduler re-checks the store.
    }
    if (this.#listeners.size === 0) return;
    try {
      this.#watcher = watch(this.#options.dir, { persistent: false }, (_event, filename) => this.#heard(filename));
      this.#watcher.on('error', () => this.#poll());
    } catch {
      this.#poll();
    }
    if (this.#listeners.size === 0) this.#stop();
    // A notice written while the watch was being set up.
    for (const key of this.#listeners.keys()) void this.#check(key);
  }

  /** Falls back to reading the change files on a timer. */
  #poll(): void {
    this.#watcher?.close();
    this.#watcher = undefined;
    if (this.#poller || this.#listeners.size === 0) return;
    this.#poller = setInterval(() => {
      for (const key of this.#listeners.keys()) void this.#check(key);
    }, FALLBACK_POLL_MS);
    // Waiters keep the process alive with their own timers; this one must not.
    (this.#poller as { unref?: () => void }).unref?.();
  }

  #stop(): void {
    this.#watcher?.close();
    this.#watcher = undefined;
    clearInterval(this.#poller);
    this.#poller = undefined;
  }

  #heard(filename: string | Buffer | null): void {
    // Some platforms do not name the file: then every watched key is looked at.
    const name = filename === null ? undefined : basename(filename.toString());
    if (name?.endsWith('.tmp')) return;
    for (const key of this.#listeners.keys()) {
      if (name === undefined || name === basename(this.#options.pathFor(key))) void this.#check(key);
    }
  }

  /** Tells the key's listeners when its change file holds a mark not seen yet; a `baseline` only notes the first mark. */
  async #check(key: string, baseline = false): Promise<void> {
    let mark: string;
    try {
      mark = await readFile(this.#options.pathFor(key), 'utf8');
    } catch {
      mark = '';
    }
    if (baseline) {
      if (!this.#seen.has(key)) this.#seen.set(key, mark);
      return;
    }
    if (mark === '' || mark === this.#seen.get(key)) return;
    this.#seen.set(key, mark);
    this.#tell(key);
  }

  #tell(key: string): void {
    for (const listener of [...(this.#listeners.get(key) ?? [])]) listener();
  }
}

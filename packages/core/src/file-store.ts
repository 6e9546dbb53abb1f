/**
 * Windows, queues and cached responses as files in one folder, shared by every process on the
 * machine (cron jobs, CLI runs, scripts). Node, Bun and Deno all provide `node:fs`.
 */
import { renameSync, writeFileSync, type FSWatcher, watch } from 'node:fs';
import { readFile, rename, writeFile, mkdir, stat } from 'node:fs/promises';
import { join, dirname, resolve, basename } from 'node:path';
import { type WindowStore, type EnqueueOptions, type QueueTicket, type Reservation, type ResponseCache, type WindowClaim, dequeueIn, enqueueIn, holdIn, releaseIn, reserveIn } from './window-store.js';
import { type LockStats, WindowFiles } from './window-file.js';

export type { LockStats } from './window-file.js';
/** Options of `FileStore`. */
export interface FileStoreOptions {
  /** The folder; created (mode 0700) when missing. */
  dir: string;
  /** Milliseconds since the epoch; injectable for tests. All processes on one machine share it. */
  now?: () => number;
  /** A lock older than this was left by a killed process and is broken. Default 5 s. */
  staleLockMs?: number;
}

interface CachedValue {
  expires: number;
  value: string;
}

const SAFE_KEY = /^[A-Za-z0-9._:-]{1,200}$/;
/**
 * A lease renewal waits up to this long for another change of its key to share the locked write
 * with, so that hundreds of waiters renewing every few seconds cost a few writes a second. Its
 * lease still runs `leaseMs` from the write, never less than asked.
 */
const RENEWAL_GATHER_MS = 200;
/** Beyond this many tickets known to be ours, renewals are simply written at once. */
const MAX_TRACKED_TICKETS = 10_000;

/**
 * A `WindowStore` and `ResponseCache` on the file system, atomic across processes. Waiters do
 * not poll the lock: a refused claim is read from the state file without it, and a change file
 * that every store object watches tells waiters in every process when to look again.
 *
 * @example
 * ```ts
 * import { FileStore } from '@zen-leads/core/file-store';
 * const store = new FileStore({ dir: '/var/cache/zen-leads' });
 * const zen = createZenClient({ url, token, store });
 * ```
 */
export class FileStore implements WindowStore, ResponseCache {
  readonly dir: string;
  readonly #now: () => number;
  #ready: Promise<void> | undefined;
  readonly #lockStats: LockStats = { acquisitions: 0, heldMs: 0 };
  readonly #files: WindowFiles;
  readonly #notices: ChangeNotices;
  /** Tickets this object put in each key's queue and not yet took out: their renewals can wait a little. */
  readonly #ours = new Map<string, Set<string>>();

  constructor(options: FileStoreOptions) {
    this.dir = options.dir;
    this.#now = options.now ?? Date.now;
    this.#files = new WindowFiles({
      paths: (key) => ({ state: this.#path('window', key), lock: this.#path('lock', key) }),
      now: this.#now,
      ready: () => this.#ensureDir(),
      staleLockMs: options.staleLockMs ?? 5_000,
      writeNow: (path, text) => {
        const temporary = this.#temporary(path);
        writeFileSync(temporary, text, { mode: 0o600 });
        renameSync(temporary, path);
      },
      stats: this.#lockStats,
    });
    this.#notices = new ChangeNotices({ dir: this.dir, pathFor: (key) => this.#path('change', key), ready: () => this.#ensureDir(), write: (path, text) => this.#write(path, text) });
  }

  async reserve(key: string, claim: WindowClaim): Promise<Reservation> {
    // A refusal needs no lock: the state as last written says it, as the lock would.
    const { window, seq, tickets } = await this.#files.read(this.#checked(key));
    const seen = reserveIn({ ...(window ? { window: { ...window } } : {}), seq, tickets: [...tickets] }, claim, this.#now());
    if (!seen.granted) return seen;
    const result = await this.#files.change(key, (state, now) => reserveIn(state, claim, now));
    if (result.granted) this.#ours.get(key)?.delete(claim.holder);
    return result;
  }

  async enqueue(key: string, ticket: QueueTicket, options: EnqueueOptions): Promise<void> {
    const ours = this.#ours.get(key) ?? new Set<string>();
    this.#ours.set(key, ours);
    const renewal = options.front !== true && ours.has(ticket.id);
    if (ours.size >= MAX_TRACKED_TICKETS) ours.clear();
    ours.add(ticket.id);
    await this.#files.change(this.#checked(key), (state, now) => enqueueIn(state, ticket, options, now), renewal ? RENEWAL_GATHER_MS : 0);
  }

  async dequeue(key: string, ticketId: string): Promise<void> {
    this.#ours.get(key)?.delete(ticketId);
    await this.#files.change(this.#checked(key), (state, now) => dequeueIn(state, ticketId, now));
  }

  async hold(key: string, ms: number, options: { replace: boolean }): Promise<void> {
    await this.#files.change(this.#checked(key), (state, now) => holdIn(state, ms, options.replace, now));
  }

  async release(key: string, holder: string): Promise<void> {
    await this.#files.change(this.#checked(key), (state, now) => releaseIn(state, holder, now));
  }

  /** Hears `notify(key)` from any process on the machine (one folder watch per store object). */
  watch(key: string, listener: () => void): () => void {
    return this.#notices.watch(this.#checked(key), listener);
  }

  async notify(key: string): Promise<void> {
    await this.#notices.notify(this.#checked(key));
  }

  async get(key: string): Promise<string | undefined> {
    const path = this.#path('cache', key);
    let entry: CachedValue;
    try {
      entry = JSON.parse(await readFile(path, 'utf8')) as CachedValue;
    } catch {
      // Missing, or unreadable: both mean "nothing stored" (writes are atomic, so never half a file).
      return undefined;
    }
    if (!entry || typeof entry.value !== 'string' || !(entry.expires > this.#now())) return undefined;
    return entry.value;
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    await this.#write(this.#path('cache', key), JSON.stringify({ expires: this.#now() + ttlMs, value } satisfies CachedValue));
  }

  /** Lock acquisitions by this store object so far, and the time held in all (for monitoring and tests). */
  lockStats(): LockStats {
    return { ...this.#lockStats };
  }

  #checked(key: string): string {
    this.#path('window', key);
    return key;
  }

  #path(kind: 'window' | 'cache' | 'lock' | 'change', key: string): string {
    if (!SAFE_KEY.test(key)) throw new TypeError(`FileStore keys are hashes ([A-Za-z0-9._:-]); got one of ${key.length} characters.`);
    const extension = kind === 'window' || kind === 'cache' ? '.json' : '';
    return join(this.dir, `${kind}-${key.replaceAll(':', '_')}${extension}`);
  }

  #ensureDir(): Promise<void> {
    this.#ready ??= ensureDirectory(this.dir, 0o700).catch((error: unknown) => {
      this.#ready = undefined;
      throw error;
    });
    return this.#ready;
  }

  #temporary(path: string): string {
    return `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  }

  async #write(path: string, text: string): Promise<void> {
    await this.#ensureDir();
    const temporary = this.#temporary(path);
    await writeFile(temporary, text, { mode: 0o600 });
    await rename(temporary, path);
  }
}

/**
 * Creates a folder and its missing parents, one level at a time. Node's own recursive `mkdir`
 * spins forever under `/proc` and similar file systems, so it is not used. Rejects with the
 * system error (`code` EACCES, ENOTDIR, EPERM, ENOENT…, `path`) of the level that failed.
 */
export async function ensureDirectory(dir: string, mode = 0o700): Promise<void> {
  const missing: string[] = [];
  for (let current = resolve(dir); ; current = dirname(current)) {
    const info = await stat(current).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    if (info) {
      if (!info.isDirectory()) throw Object.assign(new Error(`ENOTDIR: not a directory, ${current}`), { code: 'ENOTDIR', path: current });
      break;
    }
    missing.unshift(current);
    if (dirname(current) === current) break;
  }
  for (const folder of missing) {
    await mkdir(folder, { mode }).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
  }
}

/** Where the notices live and how they are written. */
interface ChangeNoticeOptions {
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
class ChangeNotices {
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

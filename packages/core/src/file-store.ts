/**
 * Windows, queues and cached responses as files in one folder, shared by every process on the
 * machine (cron jobs, CLI runs, scripts). Node, Bun and Deno all provide `node:fs`.
 */
import { renameSync, writeFileSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ChangeNotices } from './change-notices.js';
import type { WindowStore, EnqueueOptions, QueueTicket, Reservation, ResponseCache, WindowClaim } from './window-store.js';
import { ensureDirectory } from './ensure-directory.js';
import type { LockStats } from './file-lock.js';
import { WindowFiles } from './window-file.js';
import { dequeueIn, enqueueIn, holdIn, releaseIn, reserveIn } from './window-state.js';

export { ensureDirectory } from './ensure-directory.js';
export type { LockStats } from './file-lock.js';

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

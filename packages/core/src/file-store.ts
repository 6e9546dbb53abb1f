/**
 * Windows, queues and cached responses as files in one folder, shared by every process on the
 * machine (cron jobs, CLI runs, scripts). Node, Bun and Deno all provide `node:fs`.
 */
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CooldownStore, EnqueueOptions, QueueTicket, Reservation, ResponseCache, WindowClaim } from './cooldown-store.js';
import { ensureDirectory } from './ensure-directory.js';
import { type LockStats, withFileLock } from './file-lock.js';
import { dequeueIn, emptyWindowState, enqueueIn, holdIn, releaseIn, reserveIn, type WindowState } from './window-state.js';

export { ensureDirectory } from './ensure-directory.js';

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
 * A `CooldownStore` and `ResponseCache` on the file system, atomic across processes. It cannot
 * push changes to other processes, so waiters re-check it every 250 ms.
 *
 * @example
 * ```ts
 * import { FileStore } from '@zen-leads/core/file-store';
 * const store = new FileStore({ dir: '/var/cache/zen-leads' });
 * const zen = createZenClient({ url, token, store });
 * ```
 */
export class FileStore implements CooldownStore, ResponseCache {
  readonly dir: string;
  readonly #now: () => number;
  readonly #staleLockMs: number;
  #ready: Promise<void> | undefined;
  readonly #lockStats: LockStats = { acquisitions: 0, heldMs: 0 };

  constructor(options: FileStoreOptions) {
    this.dir = options.dir;
    this.#now = options.now ?? Date.now;
    this.#staleLockMs = options.staleLockMs ?? 5_000;
  }

  reserve(key: string, claim: WindowClaim): Promise<Reservation> {
    return this.#update(key, (state, now) => reserveIn(state, claim, now));
  }

  enqueue(key: string, ticket: QueueTicket, options: EnqueueOptions): Promise<void> {
    return this.#update(key, (state, now) => enqueueIn(state, ticket, options, now));
  }

  dequeue(key: string, ticketId: string): Promise<void> {
    return this.#update(key, (state, now) => dequeueIn(state, ticketId, now));
  }

  hold(key: string, ms: number, options: { replace: boolean }): Promise<void> {
    return this.#update(key, (state, now) => holdIn(state, ms, options.replace, now));
  }

  release(key: string, holder: string): Promise<void> {
    return this.#update(key, (state, now) => releaseIn(state, holder, now));
  }

  async get(key: string): Promise<string | undefined> {
    const entry = await this.#readJson<CachedValue>(this.#path('cache', key));
    if (!entry || typeof entry.value !== 'string' || !(entry.expires > this.#now())) return undefined;
    return entry.value;
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    await this.#writeJson(this.#path('cache', key), { expires: this.#now() + ttlMs, value } satisfies CachedValue);
  }

  /** Lock acquisitions by this store object so far, and the time held in all (for monitoring and tests). */
  lockStats(): LockStats {
    return { ...this.#lockStats };
  }

  /** Reads, changes and writes the key's state under its lock. */
  async #update<T>(key: string, change: (state: WindowState, now: number) => T): Promise<T> {
    await this.#ensureDir();
    const file = this.#path('window', key);
    return withFileLock(this.#path('lock', key), this.#staleLockMs, async () => {
      const state = (await this.#readJson<WindowState>(file)) ?? emptyWindowState();
      const result = change(state, this.#now());
      await this.#writeJson(file, state);
      return result;
    }, this.#lockStats);
  }

  #path(kind: 'window' | 'cache' | 'lock', key: string): string {
    if (!SAFE_KEY.test(key)) throw new TypeError(`FileStore keys are hashes ([A-Za-z0-9._:-]); got one of ${key.length} characters.`);
    return join(this.dir, `${kind}-${key.replaceAll(':', '_')}${kind === 'lock' ? '' : '.json'}`);
  }

  #ensureDir(): Promise<void> {
    this.#ready ??= ensureDirectory(this.dir, 0o700).catch((error: unknown) => {
      this.#ready = undefined;
      throw error;
    });
    return this.#ready;
  }

  async #readJson<T>(path: string): Promise<T | undefined> {
    try {
      return JSON.parse(await readFile(path, 'utf8')) as T;
    } catch {
      // Missing, or unreadable: both mean "nothing stored" (writes are atomic, so never half a file).
      return undefined;
    }
  }

  async #writeJson(path: string, value: unknown): Promise<void> {
    await this.#ensureDir();
    const temporary = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    await writeFile(temporary, JSON.stringify(value), { mode: 0o600 });
    await rename(temporary, path);
  }
}

/**
 * Windows and cached responses as files in one folder, shared by every process on the machine
 * (cron jobs, CLI runs, scripts). Node, Bun and Deno all provide `node:fs`.
 */
import { mkdir, open, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { CooldownStore, Reservation, ResponseCache } from './cooldown-store.js';

/** Options of `FileStore`. */
export interface FileStoreOptions {
  /** The folder; created (mode 0700) when missing. */
  dir: string;
  /** Milliseconds since the epoch; injectable for tests. All processes on one machine share it. */
  now?: () => number;
  /** A lock older than this was left by a killed process and is broken. Default 5 s. */
  staleLockMs?: number;
}

interface Cooldown {
  owner: string;
  until: number;
}

interface CachedValue {
  expires: number;
  value: string;
}

const SAFE_KEY = /^[A-Za-z0-9._:-]{1,200}$/;

/** A `CooldownStore` and `ResponseCache` on the file system, atomic across processes. */
export class FileStore implements CooldownStore, ResponseCache {
  readonly dir: string;
  readonly #now: () => number;
  readonly #staleLockMs: number;
  #ready: Promise<void> | undefined;

  constructor(options: FileStoreOptions) {
    this.dir = options.dir;
    this.#now = options.now ?? Date.now;
    this.#staleLockMs = options.staleLockMs ?? 5_000;
  }

  async reserve(key: string, windowMs: number, owner: string): Promise<Reservation> {
    return this.#withLock(key, async () => {
      const now = this.#now();
      const current = await this.#readJson<Cooldown>(this.#path('cooldown', key));
      if (current && current.until > now) return { granted: false, waitMs: current.until - now };
      await this.#writeJson(this.#path('cooldown', key), { owner, until: now + windowMs } satisfies Cooldown);
      return { granted: true };
    });
  }

  async extend(key: string, cooldownMs: number): Promise<void> {
    await this.#withLock(key, async () => {
      const until = this.#now() + cooldownMs;
      const current = await this.#readJson<Cooldown>(this.#path('cooldown', key));
      if (current && current.until >= until) return;
      // A learned cooldown belongs to no one, so the claim it outlasts can no longer release it.
      await this.#writeJson(this.#path('cooldown', key), { owner: '', until } satisfies Cooldown);
    });
  }

  async release(key: string, owner: string): Promise<void> {
    await this.#withLock(key, async () => {
      const current = await this.#readJson<Cooldown>(this.#path('cooldown', key));
      if (owner !== '' && current?.owner === owner) await rm(this.#path('cooldown', key), { force: true });
    });
  }

  async get(key: string): Promise<string | undefined> {
    const entry = await this.#readJson<CachedValue>(this.#path('cache', key));
    if (!entry || typeof entry.value !== 'string' || !(entry.expires > this.#now())) return undefined;
    return entry.value;
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    await this.#writeJson(this.#path('cache', key), { expires: this.#now() + ttlMs, value } satisfies CachedValue);
  }

  #path(kind: 'cooldown' | 'cache' | 'lock', key: string): string {
    if (!SAFE_KEY.test(key)) throw new TypeError(`FileStore keys are hashes ([A-Za-z0-9._:-]); got one of ${key.length} characters.`);
    return join(this.dir, `${kind}-${key.replaceAll(':', '_')}${kind === 'lock' ? '' : '.json'}`);
  }

  #ensureDir(): Promise<void> {
    this.#ready ??= mkdir(this.dir, { recursive: true, mode: 0o700 }).then(() => undefined);
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

  /** Runs `task` holding the key's lock file, created exclusively so only one process holds it. */
  async #withLock<T>(key: string, task: () => Promise<T>): Promise<T> {
    await this.#ensureDir();
    const lock = this.#path('lock', key);
    for (let attempt = 0; ; attempt++) {
      try {
        const handle = await open(lock, 'wx', 0o600);
        await handle.close();
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        await this.#breakIfStale(lock);
        await sleep(Math.min(2 + attempt, 20));
      }
    }
    try {
      return await task();
    } finally {
      await rm(lock, { force: true });
    }
  }

  async #breakIfStale(lock: string): Promise<void> {
    try {
      const info = await stat(lock);
      if (Date.now() - info.mtimeMs > this.#staleLockMs) await rm(lock, { force: true });
    } catch {
      // Gone already: the holder finished.
    }
  }
}

/**
 * One token's window state as a JSON file, changed under a lock file (`wx`) with grouped writes;
 * the lock breaks when a killed process left it.
 */
import { readFileSync, closeSync, openSync, rmSync } from 'node:fs';
import { readFile, rm, stat } from 'node:fs/promises';
import { emptyWindowState, type WindowState } from './window-store.js';
import { setTimeout as sleep } from 'node:timers/promises';

/** Where one key's state lives, and how this process writes a file. */
export interface WindowFileOptions {
  /** The state file and the lock file of a key. */
  paths(key: string): { state: string; lock: string };
  now(): number;
  /** Creates the folder when missing. */
  ready(): Promise<void>;
  staleLockMs: number;
  /** Writes a file atomically (a reader sees the old or the new content, never half), synchronously: it runs under the lock. */
  writeNow(path: string, text: string): void;
  stats: LockStats;
}

type Change = (state: WindowState, now: number) => unknown;

interface Pending {
  change: Change;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/** One key's changes waiting for the lock, and its reads. */
interface KeySlot {
  pending: Pending[];
  committing: boolean;
  gathering: ReturnType<typeof setTimeout> | undefined;
  reading: Promise<WindowState> | undefined;
  nextRead: Promise<WindowState> | undefined;
}

/**
 * Each key's window state as a JSON file, shared by every process on the machine, read and written
 * so that a queue of hundreds of waiters costs little lock work:
 * - reads take no lock (writes replace the file atomically), and the calls that arrive while a
 *   read is on its way share the next one (never one that started before them);
 * - changes are committed in groups: those that arrive while the lock is held are applied, in
 *   order, in the next single read-change-write;
 * - a change that may wait (a lease renewal) waits up to `gatherMs` for another commit to ride on.
 */
export class WindowFiles {
  readonly #options: WindowFileOptions;
  readonly #slots = new Map<string, KeySlot>();

  constructor(options: WindowFileOptions) {
    this.#options = options;
  }

  /** The key's state as last committed, read after this call began. Callers must not change it. */
  read(key: string): Promise<WindowState> {
    const slot = this.#slot(key);
    if (slot.nextRead) return slot.nextRead;
    if (!slot.reading) return this.#startRead(key, slot);
    const after = slot.reading;
    slot.nextRead = after.then(
      () => undefined,
      () => undefined,
    ).then(() => {
      slot.nextRead = undefined;
      return this.#startRead(key, slot);
    });
    return slot.nextRead;
  }

  /** Runs `change` on the key's state under its lock and writes the result; `gatherMs` lets it wait for company. */
  change<T>(key: string, change: (state: WindowState, now: number) => T, gatherMs = 0): Promise<T> {
    const slot = this.#slot(key);
    return new Promise<T>((resolve, reject) => {
      slot.pending.push({ change, resolve: resolve as (value: unknown) => void, reject });
      if (slot.committing) return; // the running commit loop takes it next
      if (gatherMs > 0) {
        slot.gathering ??= setTimeout(() => void this.#commitAll(key, slot), gatherMs);
        return;
      }
      void this.#commitAll(key, slot);
    });
  }

  #slot(key: string): KeySlot {
    let slot = this.#slots.get(key);
    if (!slot) {
      slot = { pending: [], committing: false, gathering: undefined, reading: undefined, nextRead: undefined };
      this.#slots.set(key, slot);
    }
    return slot;
  }

  #startRead(key: string, slot: KeySlot): Promise<WindowState> {
    const read = this.#readState(key).finally(() => {
      if (slot.reading === read) slot.reading = undefined;
    });
    slot.reading = read;
    return read;
  }

  async #commitAll(key: string, slot: KeySlot): Promise<void> {
    if (slot.committing) return;
    clearTimeout(slot.gathering);
    slot.gathering = undefined;
    slot.committing = true;
    try {
      while (slot.pending.length > 0) await this.#commit(key, slot.pending.splice(0));
    } finally {
      slot.committing = false;
    }
  }

  /** One locked read-change-write for a group of changes; each learns its own result once written. */
  async #commit(key: string, group: Pending[]): Promise<void> {
    const paths = this.#options.paths(key);
    try {
      await this.#options.ready();
      const outcomes = await withFileLock(
        paths.lock,
        this.#options.staleLockMs,
        () => {
          const state = parseState(() => readFileSync(paths.state, 'utf8'));
          const now = this.#options.now();
          const results = group.map(({ change }) => {
            try {
              return { ok: true as const, value: change(state, now) };
            } catch (error) {
              return { ok: false as const, error };
            }
          });
          this.#options.writeNow(paths.state, JSON.stringify(state));
          return results;
        },
        this.#options.stats,
      );
      outcomes.forEach((outcome, i) => (outcome.ok ? group[i]!.resolve(outcome.value) : group[i]!.reject(outcome.error)));
    } catch (error) {
      for (const pending of group) pending.reject(error);
    }
  }

  async #readState(key: string): Promise<WindowState> {
    const text = await readFile(this.#options.paths(key).state, 'utf8').catch(() => '');
    return parseState(() => text);
  }
}

function parseState(read: () => string): WindowState {
  try {
    return JSON.parse(read()) as WindowState;
  } catch {
    // Missing, or unreadable: both mean "nothing stored" (writes are atomic, so never half a file).
    return emptyWindowState();
  }
}

/** How often a lock was taken and how long it was held in all: what waiting costs the machine. */
export interface LockStats {
  acquisitions: number;
  heldMs: number;
}

/**
 * Runs `task` holding a lock file created exclusively (`wx`), so only one process on the machine
 * holds it. A lock older than `staleMs` was left by a killed process and is broken. `stats`, when
 * given, counts the acquisition and adds the time held.
 *
 * The task and the lock's own calls are synchronous on purpose: awaited file calls would hold
 * the lock across event-loop turns, behind whatever else the process does (hundreds of waiters'
 * reads after a notice made a 0.3 ms write hold it for 5–7 ms). Waiting for the lock stays async.
 */
export async function withFileLock<T>(lock: string, staleMs: number, task: () => T, stats?: LockStats): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      closeSync(openSync(lock, 'wx', 0o600));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      await breakIfStale(lock, staleMs);
      await sleep(Math.min(2 + attempt, 20));
    }
  }
  const acquired = performance.now();
  try {
    return task();
  } finally {
    rmSync(lock, { force: true });
    if (stats) {
      stats.acquisitions++;
      stats.heldMs += performance.now() - acquired;
    }
  }
}

async function breakIfStale(lock: string, staleMs: number): Promise<void> {
  try {
    const info = await stat(lock);
    if (Date.now() - info.mtimeMs > staleMs) await rm(lock, { force: true });
  } catch {
    // Gone already: the holder finished.
  }
}

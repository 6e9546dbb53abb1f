import { closeSync, openSync, rmSync } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

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

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { isolatedRedis } from './isolated-redis.js';
import type { WorkerStore } from './lead-totals-workers.js';

/**
 * The two stores that worker processes can share, each fresh per test: a Redis key prefix of
 * its own, or a new folder for the file store (removed after the test).
 */
export function workerStores(): Record<'redis' | 'file', () => Promise<WorkerStore>> {
  const folders: string[] = [];
  afterEach(async () => {
    await Promise.all(folders.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  });
  return {
    redis: async () => {
      const redis = isolatedRedis();
      return { kind: 'redis', url: redis.url, keyPrefix: redis.keyPrefix };
    },
    file: async () => {
      const dir = await mkdtemp(join(tmpdir(), 'zen-leads-file-store-'));
      folders.push(dir);
      return { kind: 'file', dir };
    },
  };
}

import { MemoryStore } from '@zen-leads/core';
import { describe, expect, it } from 'vitest';
import { isStoreOutage } from '../src/store/watched-store.js';
import { WatchedStore } from '../src/store/watched-store.js';

describe('the store outage log lines never show a password', () => {
  it('neither from the store’s description nor from a library message that quotes its URL', async () => {
    const failing = Object.assign(new MemoryStore(), {
      description: 'Redis at redis://admin:s3cret-pass@10.0.0.5:6379/0',
      get: () => Promise.reject(new Error('connect to redis://admin:s3cret-pass@10.0.0.5:6379/0 failed: ETIMEDOUT')),
    });
    const lines: string[] = [];
    const store = new WatchedStore(failing, { log: (line) => lines.push(line) });
    const error = await store.get('day').catch((caught: unknown) => caught);
    expect(isStoreOutage(error)).toBe(true);
    // During the outage, the next operation fails at once, and nothing more is logged.
    await expect(store.get('day')).rejects.toSatisfy(isStoreOutage);
    store.close();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^store: Redis at redis:\/\/\*\*\*@10\.0\.0\.5:6379\/0 unreachable since \S+ \(connect to redis:\/\/\*\*\*@10\.0\.0\.5:6379\/0 failed: ETIMEDOUT\); /);
    expect(lines.join('\n')).not.toContain('s3cret-pass');
    expect(String((error as Error).message)).not.toContain('s3cret-pass');
  });

  it('a refused argument (a key the FileStore cannot hold) is the caller’s error, not an outage', async () => {
    const picky = Object.assign(new MemoryStore(), { get: () => Promise.reject(new TypeError('FileStore keys are hashes')) });
    const lines: string[] = [];
    const store = new WatchedStore(picky, { log: (line) => lines.push(line) });
    await expect(store.get('a key with spaces')).rejects.toBeInstanceOf(TypeError);
    expect(store.downSince).toBeUndefined();
    expect(lines).toEqual([]);
    store.close();
  });
});

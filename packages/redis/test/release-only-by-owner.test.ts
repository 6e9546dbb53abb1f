import { expect, test } from 'vitest';
import { isolatedRedis } from './support/isolated-redis.js';

test('release by the holder frees the window at once', async () => {
  const redis = isolatedRedis();
  const store = redis.newStore();

  await store.reserve('window', 60_000, 'holder');
  await store.release('window', 'holder');

  expect(await redis.newStore().reserve('window', 60_000, 'next')).toEqual({ granted: true });
});

test('release by anyone else leaves the window held', async () => {
  const redis = isolatedRedis();
  const store = redis.newStore();

  await store.reserve('window', 60_000, 'holder');
  await redis.newStore().release('window', 'intruder');

  expect(await redis.raw.get(`${redis.keyPrefix}cooldown:window`)).toBe('holder');
  expect((await store.reserve('window', 60_000, 'intruder')).granted).toBe(false);
});

test('a late release does not free a window that expired and was claimed by another owner', async () => {
  const redis = isolatedRedis();
  const store = redis.newStore();

  await store.reserve('window', 50, 'slow');
  await new Promise((resolve) => setTimeout(resolve, 120));
  expect(await redis.newStore().reserve('window', 60_000, 'fast')).toEqual({ granted: true });
  await store.release('window', 'slow');

  expect(await redis.raw.get(`${redis.keyPrefix}cooldown:window`)).toBe('fast');
});

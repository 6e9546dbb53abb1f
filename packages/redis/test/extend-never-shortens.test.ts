import { expect, test } from 'vitest';
import { isolatedRedis } from './support/isolated-redis.js';

test('extend pushes a window out but never brings it closer', async () => {
  const redis = isolatedRedis();
  const store = redis.newStore();
  const key = `${redis.keyPrefix}cooldown:window`;

  await store.reserve('window', 10_000, 'holder');
  await store.extend('window', 1_000);
  expect(await redis.raw.pttl(key)).toBeGreaterThan(9_000);

  await store.extend('window', 30_000);
  const ttl = await redis.raw.pttl(key);
  expect(ttl).toBeGreaterThan(29_000);
  expect(ttl).toBeLessThanOrEqual(30_000);
  // The pushed-out cooldown belongs to no one: the holder can no longer release it.
  expect(await redis.raw.get(key)).toBe('');
  await store.release('window', 'holder');
  expect(await redis.raw.pttl(key)).toBeGreaterThan(29_000);
});

test('extend creates the cooldown when no window is held, so a learned 429 still blocks everyone', async () => {
  const redis = isolatedRedis();
  const store = redis.newStore();

  await store.extend('window', 5_000);

  const answer = await redis.newStore().reserve('window', 1_000, 'other');
  expect(answer.granted).toBe(false);
  expect(answer.granted ? 0 : answer.waitMs).toBeGreaterThan(4_000);
});

test('a cooldown created by extend belongs to nobody, so no release can remove it', async () => {
  const redis = isolatedRedis();
  const store = redis.newStore();

  await store.extend('window', 5_000);
  await store.release('window', '');
  await store.release('window', 'anyone');

  expect(await redis.raw.pttl(`${redis.keyPrefix}cooldown:window`)).toBeGreaterThan(4_000);
});

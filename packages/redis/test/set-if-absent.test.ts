import { expect, it } from 'vitest';
import { isolatedRedis } from './support/isolated-redis.js';

it('setIfAbsent: of several processes writing at once, the first value written is the one every one of them gets back', async () => {
  const redis = isolatedRedis();
  const stores = Array.from({ length: 6 }, () => redis.newStore());
  const answers = await Promise.all(stores.map((store, index) => store.setIfAbsent('shared', `value-${index}`, 60_000)));
  expect(new Set(answers).size).toBe(1);
  expect(await redis.raw.get(`${redis.keyPrefix}cache:shared`)).toBe(answers[0]);
  const ttl = await redis.raw.pttl(`${redis.keyPrefix}cache:shared`);
  expect(ttl).toBeGreaterThan(50_000);
  // A later writer does not replace it, nor move its expiry.
  expect(await stores[0]!.setIfAbsent('shared', 'late', 600_000)).toBe(answers[0]);
  expect(await redis.raw.pttl(`${redis.keyPrefix}cache:shared`)).toBeLessThanOrEqual(60_000);
});

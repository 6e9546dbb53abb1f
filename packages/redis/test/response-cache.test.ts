import { setTimeout as sleep } from 'node:timers/promises';
import { expect, test } from 'vitest';
import { isolatedRedis } from './support/isolated-redis.js';

test('a cached response is shared across connections until its TTL runs out', async () => {
  const redis = isolatedRedis();
  const writer = redis.newStore();
  const reader = redis.newStore();

  await writer.set('day', '{"data":"2026-11-27"}', 300);
  expect(await reader.get('day')).toBe('{"data":"2026-11-27"}');
  const ttl = await redis.raw.pttl(`${redis.keyPrefix}cache:day`);
  expect(ttl).toBeGreaterThan(0);
  expect(ttl).toBeLessThanOrEqual(300);

  await sleep(400);
  expect(await reader.get('day')).toBeUndefined();
});

test('a missing entry reads as undefined', async () => {
  const redis = isolatedRedis();
  expect(await redis.newStore().get('never-written')).toBeUndefined();
});

test('a newer value replaces the old one with its own TTL', async () => {
  const redis = isolatedRedis();
  const store = redis.newStore();

  await store.set('day', 'old', 60_000);
  await store.set('day', 'new', 2_000);

  expect(await store.get('day')).toBe('new');
  expect(await redis.raw.pttl(`${redis.keyPrefix}cache:day`)).toBeLessThanOrEqual(2_000);
});

test('a value set with no time left removes the entry instead of keeping it', async () => {
  const redis = isolatedRedis();
  const store = redis.newStore();

  await store.set('day', 'old', 60_000);
  await store.set('day', 'stale', 0);

  expect(await store.get('day')).toBeUndefined();
});

test('cache entries and windows live under separate keys, so the same key never collides', async () => {
  const redis = isolatedRedis();
  const store = redis.newStore();

  await store.reserve('same', { holder: 'holder', day: '2026-11-20', windowMs: 60_000 });
  await store.set('same', 'body', 60_000);

  expect(await store.get('same')).toBe('body');
  expect(await redis.raw.get(`${redis.keyPrefix}window:same`)).toBe('holder\t2026-11-20');
});

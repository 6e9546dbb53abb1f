import { setTimeout as sleep } from 'node:timers/promises';
import { expect, test } from 'vitest';
import { isolatedRedis } from './support/isolated-redis.js';

test('a taken window answers the time left on the key, and is granted again once it expires', async () => {
  const redis = isolatedRedis();
  const store = redis.newStore();

  expect(await store.reserve('window', { holder: 'first', day: '2026-11-20', windowMs: 400 })).toEqual({ granted: true });
  const taken = await store.reserve('window', { holder: 'second', day: '2026-11-20', windowMs: 400 });
  expect(taken.granted).toBe(false);
  const waitMs = taken.granted ? 0 : taken.waitMs;
  expect(waitMs).toBeGreaterThan(0);
  expect(waitMs).toBeLessThanOrEqual(400);

  await sleep(waitMs + 50);
  expect(await store.reserve('window', { holder: 'second', day: '2026-11-20', windowMs: 400 })).toEqual({ granted: true });
  expect(await redis.raw.get(`${redis.keyPrefix}window:window`)).toBe('second\t2026-11-20');
});

test('the key expires on its own after the window, so a vanished holder blocks no longer', async () => {
  const redis = isolatedRedis();
  const store = redis.newStore();

  await store.reserve('window', { holder: 'holder', day: '2026-11-20', windowMs: 1_500 });
  const ttl = await redis.raw.pttl(`${redis.keyPrefix}window:window`);
  expect(ttl).toBeGreaterThan(1_000);
  expect(ttl).toBeLessThanOrEqual(1_500);
});

test('a key without expiry (not written by the store) is bounded instead of blocking for ever', async () => {
  const redis = isolatedRedis();
  const store = redis.newStore();
  await redis.raw.set(`${redis.keyPrefix}window:window`, 'someone');

  const answer = await store.reserve('window', { holder: 'me', day: '2026-11-20', windowMs: 2_000 });

  expect(answer).toEqual({ granted: false, waitMs: 2_000, queue: [] });
  const ttl = await redis.raw.pttl(`${redis.keyPrefix}window:window`);
  expect(ttl).toBeGreaterThan(1_000);
  expect(ttl).toBeLessThanOrEqual(2_000);
});

test('fractional windows are rounded up to whole milliseconds', async () => {
  const redis = isolatedRedis();
  const store = redis.newStore();

  expect(await store.reserve('window', { holder: 'me', day: '2026-11-20', windowMs: 1_000.2 })).toEqual({ granted: true });
  expect(await redis.raw.pttl(`${redis.keyPrefix}window:window`)).toBeLessThanOrEqual(1_001);
});

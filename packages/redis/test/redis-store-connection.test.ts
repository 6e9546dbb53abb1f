import { Redis } from 'ioredis';
import { expect, test } from 'vitest';
import { RedisStore } from '../src/index.js';
import { isolatedRedis } from './support/isolated-redis.js';

test('every key the store writes sits under its prefix', async () => {
  const redis = isolatedRedis();
  const store = redis.newStore();

  await store.reserve('a', { holder: 'me', day: '2026-11-20', windowMs: 60_000 });
  await store.hold('b', 60_000, { replace: true });
  await store.enqueue('q', { id: 't', day: '2026-11-20' }, { leaseMs: 60_000 });
  await store.set('c', 'body', 60_000);

  const keys = (await redis.raw.keys(`${redis.keyPrefix}*`)).sort();
  const p = redis.keyPrefix;
  expect(keys).toEqual([`${p}cache:c`, `${p}queue:q`, `${p}seq:q`, `${p}tickets:q`, `${p}window:a`, `${p}window:b`]);
});

test('the prefix defaults to zen-leads:', async () => {
  const redis = isolatedRedis();
  const store = new RedisStore({ client: redis.raw });
  const key = `default-prefix-${Math.random().toString(36).slice(2)}`;

  await store.set(key, 'body', 5_000);

  expect(await redis.raw.get(`zen-leads:cache:${key}`)).toBe('body');
  await redis.raw.del(`zen-leads:cache:${key}`);
});

test('a client passed in is used as is and stays open after close()', async () => {
  const redis = isolatedRedis();
  const store = new RedisStore({ client: redis.raw, keyPrefix: redis.keyPrefix });

  expect(await store.reserve('window', { holder: 'me', day: '2026-11-20', windowMs: 60_000 })).toEqual({ granted: true });
  await store.close();

  expect(redis.raw.status).toBe('ready');
  expect(await redis.raw.get(`${redis.keyPrefix}window:window`)).toBe('me\t2026-11-20');
});

test('a store opened from a URL disconnects on close()', async () => {
  const redis = isolatedRedis();
  const store = new RedisStore({ url: redis.url, keyPrefix: redis.keyPrefix });
  await store.reserve('window', { holder: 'me', day: '2026-11-20', windowMs: 60_000 });

  await store.close();

  expect(['end', 'close']).toContain(store.client.status);
});

test('the database number in the URL is honoured', async () => {
  const redis = isolatedRedis();
  const store = redis.newStore({ url: `${redis.url}/3` });
  await store.set('in-db-3', 'body', 60_000);

  const db3 = new Redis(`${redis.url}/3`);
  try {
    expect(await db3.get(`${redis.keyPrefix}cache:in-db-3`)).toBe('body');
    expect(await redis.raw.get(`${redis.keyPrefix}cache:in-db-3`)).toBeNull();
  } finally {
    await db3.del(`${redis.keyPrefix}cache:in-db-3`);
    await db3.quit();
  }
});

test('scripts are loaded again after the server forgets them (restart, SCRIPT FLUSH)', async () => {
  const redis = isolatedRedis();
  const store = redis.newStore();
  await store.reserve('window', { holder: 'me', day: '2026-11-20', windowMs: 60_000 });

  await redis.raw.script('FLUSH');

  expect((await store.reserve('window', { holder: 'other', day: '2026-11-20', windowMs: 60_000 })).granted).toBe(false);
  await store.release('window', 'me');
  expect(await store.reserve('window', { holder: 'other', day: '2026-11-20', windowMs: 60_000 })).toEqual({ granted: true });
});

test('a URL that is not redis:// is refused without repeating its secret parts', () => {
  expect(() => new RedisStore({ url: 'http://user:hunter2@127.0.0.1:6379' })).toThrow(/redis:\/\//);
  expect(() => new RedisStore({ url: 'http://user:hunter2@127.0.0.1:6379' })).not.toThrow(/hunter2/);
  expect(() => new RedisStore({ url: 'not a url :hunter2' })).not.toThrow(/hunter2/);
});

test('an unreachable server fails the operation within seconds instead of hanging, and close() still returns', async () => {
  // A port nothing listens on: bind one, note it, release it.
  const { createServer } = await import('node:net');
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as { port: number }).port;
  await new Promise((resolve) => probe.close(resolve));
  const store = new RedisStore({ url: `redis://127.0.0.1:${port}` });

  const started = Date.now();
  await expect(store.reserve('window', { holder: 'me', day: '2026-11-20', windowMs: 60_000 })).rejects.toThrow();
  expect(Date.now() - started).toBeLessThan(10_000);

  await store.close();
});

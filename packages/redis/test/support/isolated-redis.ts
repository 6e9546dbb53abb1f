/**
 * Each test gets its own key prefix on the shared test server, a raw client to look at what the
 * store wrote, and cleanup of every client it opened.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterEach, inject } from 'vitest';
import { RedisStore, type RedisStoreOptions } from '../../src/index.js';

export interface IsolatedRedis {
  url: string;
  keyPrefix: string;
  /** A plain client for inspecting keys and TTLs directly. */
  raw: Redis;
  /** A store on its own connection, as a separate process would have. */
  newStore(options?: Partial<RedisStoreOptions>): RedisStore;
}

const openStores: RedisStore[] = [];
const openClients: Redis[] = [];

afterEach(async () => {
  await Promise.all(openStores.splice(0).map((store) => store.close()));
  await Promise.all(openClients.splice(0).map((client) => client.quit()));
});

export function isolatedRedis(): IsolatedRedis {
  const url = inject('redisUrl');
  const keyPrefix = `zen-leads-test:${randomUUID()}:`;
  const raw = new Redis(url);
  openClients.push(raw);
  return {
    url,
    keyPrefix,
    raw,
    newStore(options = {}) {
      const store = new RedisStore({ url, keyPrefix, ...options } as RedisStoreOptions);
      openStores.push(store);
      return store;
    },
  };
}

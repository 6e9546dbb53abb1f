import type { CooldownStore, Reservation, ResponseCache } from '@zen-leads/core';
import { once } from 'node:events';
import { Redis } from 'ioredis';
import { EXTEND_SCRIPT, RELEASE_SCRIPT, RESERVE_SCRIPT } from './cooldown-scripts.js';
import { LuaScript } from './lua-script.js';

/** Options of `RedisStore`: a client of yours, or a URL for a client the store opens and closes. */
export type RedisStoreOptions = RedisStoreClientOptions | RedisStoreUrlOptions;

interface RedisStoreCommonOptions {
  /** Prepended to every key, to share a database with other data. Default `zen-leads:`. */
  keyPrefix?: string;
}

/** Use an ioredis client you already have; `close()` leaves it open. */
export interface RedisStoreClientOptions extends RedisStoreCommonOptions {
  client: Redis;
}

/** Connect to `redis://[user:password@]host:port[/db]` (or `rediss://` for TLS); `close()` disconnects. */
export interface RedisStoreUrlOptions extends RedisStoreCommonOptions {
  url: string;
  /** How long to wait for the connection before a command fails. Default 5 s. */
  connectTimeoutMs?: number;
}

const reserveScript = new LuaScript(RESERVE_SCRIPT);
const extendScript = new LuaScript(EXTEND_SCRIPT);
const releaseScript = new LuaScript(RELEASE_SCRIPT);

/**
 * Token windows and cached responses in Redis, shared by every process on every machine that
 * reaches the server. Each operation is one atomic command or Lua script, and every wait is a
 * TTL read from Redis's own clock, so the machines' clocks never need to agree.
 *
 * Keys are the hashed keys the client passes (never the token), under `keyPrefix`.
 *
 * @example
 * ```ts
 * const store = new RedisStore({ url: 'redis://127.0.0.1:6379/0' });
 * const client = createZenClient({ url, token, store });
 * // …
 * await store.close();
 * ```
 */
export class RedisStore implements CooldownStore, ResponseCache {
  /** The ioredis client the store talks through. */
  readonly client: Redis;
  readonly #keyPrefix: string;
  readonly #ownsClient: boolean;

  constructor(options: RedisStoreOptions) {
    this.#keyPrefix = options.keyPrefix ?? 'zen-leads:';
    if ('client' in options) {
      this.client = options.client;
      this.#ownsClient = false;
    } else {
      assertRedisUrl(options.url);
      this.client = new Redis(options.url, {
        connectTimeout: options.connectTimeoutMs ?? 5_000,
        // Fail a command after a few reconnection attempts instead of queueing it for ever:
        // the guard then reports the error rather than hanging a caller.
        maxRetriesPerRequest: 3,
      });
      // Connection errors reach the caller through the failed command; without a listener
      // ioredis would also print each one.
      this.client.on('error', () => {});
      this.#ownsClient = true;
    }
  }

  async reserve(key: string, windowMs: number, owner: string): Promise<Reservation> {
    const waitMs = Number(await reserveScript.run(this.client, this.#cooldownKey(key), [owner, toPx(windowMs)]));
    return waitMs < 0 ? { granted: true } : { granted: false, waitMs };
  }

  async extend(key: string, cooldownMs: number): Promise<void> {
    await extendScript.run(this.client, this.#cooldownKey(key), [toPx(cooldownMs)]);
  }

  async release(key: string, owner: string): Promise<void> {
    await releaseScript.run(this.client, this.#cooldownKey(key), [owner]);
  }

  async get(key: string): Promise<string | undefined> {
    return (await this.client.get(this.#cacheKey(key))) ?? undefined;
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    // A value that is already stale must not linger from an earlier write either.
    if (!(ttlMs >= 1)) await this.client.del(this.#cacheKey(key));
    else await this.client.set(this.#cacheKey(key), value, 'PX', toPx(ttlMs));
  }

  /** Disconnects the client the store opened from a URL; a client passed in stays open. */
  async close(): Promise<void> {
    if (!this.#ownsClient || this.client.status === 'end') return;
    if (this.client.status !== 'ready') {
      // Connecting or waiting to reconnect: nothing to flush, just stop trying.
      this.client.disconnect();
      return;
    }
    const ended = once(this.client, 'end');
    try {
      await this.client.quit();
    } catch {
      this.client.disconnect();
    }
    await ended;
  }

  #cooldownKey(key: string): string {
    return `${this.#keyPrefix}cooldown:${key}`;
  }

  #cacheKey(key: string): string {
    return `${this.#keyPrefix}cache:${key}`;
  }
}

/** PX takes a whole, positive number of milliseconds. */
function toPx(ms: number): number {
  return Math.max(1, Math.ceil(ms));
}

function assertRedisUrl(url: string): void {
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    // The URL may carry a password: never repeat it.
    throw new TypeError('RedisStore: `url` is not a valid URL (expected redis://host:port[/db]).');
  }
  if (protocol !== 'redis:' && protocol !== 'rediss:') {
    throw new TypeError(`RedisStore: \`url\` must start with redis:// or rediss://, not ${protocol}//.`);
  }
}

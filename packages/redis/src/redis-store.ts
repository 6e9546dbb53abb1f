import type { WindowStore, EnqueueOptions, QueueTicket, Reservation, ResponseCache, WindowClaim } from '@zen-leads/core';
import { once } from 'node:events';
import { Redis } from 'ioredis';
import { ChangeSubscriber } from './change-subscriber.js';
import { LuaScript } from './lua-script.js';
import { DEQUEUE_SCRIPT, ENQUEUE_SCRIPT, HOLD_SCRIPT, RELEASE_SCRIPT, RESERVE_SCRIPT } from './window-scripts.js';

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
  /**
   * How long one command may take, queued while the connection is down included, before it
   * fails. Default 1 s: a Redis that is gone is reported in a second, not after the reconnects.
   */
  commandTimeoutMs?: number;
}

const reserveScript = new LuaScript(RESERVE_SCRIPT);
const enqueueScript = new LuaScript(ENQUEUE_SCRIPT);
const dequeueScript = new LuaScript(DEQUEUE_SCRIPT);
const holdScript = new LuaScript(HOLD_SCRIPT);
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
export class RedisStore implements WindowStore, ResponseCache {
  /** The ioredis client the store talks through. */
  readonly client: Redis;
  /** "Redis at redis://host:port/db", for log lines: never the user name or password. */
  readonly description: string;
  readonly #keyPrefix: string;
  readonly #ownsClient: boolean;
  readonly #subscriber: ChangeSubscriber = new ChangeSubscriber(() => this.client.duplicate());

  constructor(options: RedisStoreOptions) {
    this.#keyPrefix = options.keyPrefix ?? 'zen-leads:';
    if ('client' in options) {
      this.client = options.client;
      this.#ownsClient = false;
      this.description = `Redis at ${redisAddress(options.client.options)}`;
    } else {
      assertRedisUrl(options.url);
      this.client = new Redis(options.url, {
        connectTimeout: options.connectTimeoutMs ?? 5_000,
        // A command outlives one failed reconnection (a blip), not more, and fails after
        // `commandTimeout` in any case (the reconnect delays grow to 2 s each): the client then
        // reports the error in about a second rather than hanging a caller for many.
        maxRetriesPerRequest: 1,
        commandTimeout: options.commandTimeoutMs ?? 1_000,
        // How long a closing socket may linger before it is destroyed (ioredis: 2 s), which
        // would keep a process that gives up on an unreachable server alive that much longer.
        disconnectTimeout: 100,
      });
      this.description = `Redis at ${redisAddress(this.client.options)}`;
      // Connection errors reach the caller through the failed command; without a listener
      // ioredis would also print each one.
      this.client.on('error', () => {});
      this.#ownsClient = true;
    }
  }

  async reserve(key: string, claim: WindowClaim): Promise<Reservation> {
    const answer = (await reserveScript.run(this.client, this.#keys(key), [claim.holder, claim.day, toPx(claim.windowMs)])) as [number, number?, string?, string[]?];
    if (answer[0] === 1) return { granted: true };
    const flat = answer[3] ?? [];
    const queue: QueueTicket[] = [];
    for (let index = 0; index + 1 < flat.length; index += 2) queue.push({ id: String(flat[index]), day: String(flat[index + 1]) });
    const holding = answer[2] ? String(answer[2]) : '';
    return { granted: false, waitMs: Number(answer[1] ?? 0), queue, ...(holding === '' ? {} : { holding }) };
  }

  async enqueue(key: string, ticket: QueueTicket, options: EnqueueOptions): Promise<void> {
    await enqueueScript.run(this.client, this.#keys(key), [ticket.id, ticket.day, toPx(options.leaseMs), options.front ? '1' : '0']);
  }

  async dequeue(key: string, ticketId: string): Promise<void> {
    await dequeueScript.run(this.client, this.#keys(key), [ticketId]);
  }

  async hold(key: string, ms: number, options: { replace: boolean }): Promise<void> {
    await holdScript.run(this.client, this.#keys(key), [toPx(ms), options.replace ? '1' : '0']);
  }

  async release(key: string, holder: string): Promise<void> {
    await releaseScript.run(this.client, this.#keys(key), [holder]);
  }

  /** Change notices arrive over Redis pub/sub, on a second connection opened on first use. */
  watch(key: string, listener: () => void): () => void {
    return this.#subscriber.add(this.#channel(key), listener);
  }

  async notify(key: string): Promise<void> {
    await this.client.publish(this.#channel(key), '');
  }

  async get(key: string): Promise<string | undefined> {
    return (await this.client.get(this.#cacheKey(key))) ?? undefined;
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    // A value that is already stale must not linger from an earlier write either.
    if (!(ttlMs >= 1)) await this.client.del(this.#cacheKey(key));
    else await this.client.set(this.#cacheKey(key), value, 'PX', toPx(ttlMs));
  }

  /**
   * Stores `value` unless the key already holds one (SET NX, one atomic command), and answers
   * whichever value the key holds after: the first writer's, for every process that asks.
   */
  async setIfAbsent(key: string, value: string, ttlMs: number): Promise<string> {
    const cacheKey = this.#cacheKey(key);
    if ((await this.client.set(cacheKey, value, 'PX', toPx(ttlMs), 'NX')) === 'OK') return value;
    return (await this.client.get(cacheKey)) ?? value;
  }

  /** Closes the change-notice connection, and the client the store opened from a URL; a client passed in stays open. */
  async close(): Promise<void> {
    await this.#subscriber.close();
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

  /** The window, queue, tickets and sequence keys of one token (see window-scripts.ts). */
  #keys(key: string): string[] {
    const p = this.#keyPrefix;
    return [`${p}window:${key}`, `${p}queue:${key}`, `${p}tickets:${key}`, `${p}seq:${key}`];
  }

  #channel(key: string): string {
    return `${this.#keyPrefix}changes:${key}`;
  }

  #cacheKey(key: string): string {
    return `${this.#keyPrefix}cache:${key}`;
  }
}

/** `redis://host:port/db` (or `rediss://`) from the client's options: no user name, no password. */
function redisAddress(options: { host?: string; port?: number; db?: number; path?: string | null; tls?: unknown }): string {
  if (options.path) return `unix:${options.path}`;
  const host = options.host?.includes(':') ? `[${options.host}]` : (options.host ?? 'localhost');
  return `${options.tls ? 'rediss' : 'redis'}://${host}:${options.port ?? 6379}/${options.db ?? 0}`;
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

import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
// Nothing here imports 'vitest' itself; this names it so the augmentation below has a module to extend.
import type {} from 'vitest';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
  }
}

const run = promisify(execFile);
const scripts = fileURLToPath(new URL('../../../scripts/redis/', import.meta.url));

export interface TestRedisServer {
  /** `redis://127.0.0.1:<port>`, no database, no password. */
  url: string;
  stop(): Promise<void>;
}

/**
 * A throwaway redis-server on a free loopback port, from scripts/redis (which installs it when
 * missing). ZEN_TEST_REDIS_URL points the tests at a server you already run instead; tests only
 * add keys under their own prefixes, never flush.
 */
export async function startTestRedisServer(): Promise<TestRedisServer> {
  const existing = process.env.ZEN_TEST_REDIS_URL;
  if (existing) return { url: existing, stop: async () => {} };
  // The install, when needed, takes a while; a running server answers in well under a second.
  const { stdout } = await run('bash', [`${scripts}start-redis-server.sh`], { timeout: 600_000 });
  const started = Object.fromEntries(stdout.trim().split('\n').map((line) => line.split('=', 2) as [string, string]));
  const { REDIS_URL: url, REDIS_DIR: dir } = started;
  if (!url || !dir) throw new Error(`start-redis-server.sh printed no URL: ${stdout}`);
  return { url, stop: async () => void (await run('bash', [`${scripts}stop-redis-server.sh`, dir])) };
}

/**
 * A vitest globalSetup: one server for the whole project run, handed to the tests as
 * `inject('redisUrl')` and stopped at the end.
 */
export default async function redisServerGlobalSetup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startTestRedisServer();
  project.provide('redisUrl', server.url);
  return server.stop;
}

/** `redis://127.0.0.1:6379` + user, password, db → `redis://user:password@127.0.0.1:6379/db`. */
export function redisUrlWith(base: string, parts: { username?: string; password?: string; db?: number }): string {
  const url = new URL(base);
  if (parts.username !== undefined) url.username = encodeURIComponent(parts.username);
  if (parts.password !== undefined) url.password = encodeURIComponent(parts.password);
  if (parts.db !== undefined) url.pathname = `/${parts.db}`;
  return url.toString();
}

/** The client calls `redisValueText` makes (an ioredis client has them all). */
export interface RedisReader {
  type(key: string): Promise<string>;
  get(key: string): Promise<string | null>;
  hgetall(key: string): Promise<Record<string, string>>;
  zrange(key: string, start: string, stop: string, withScores: 'WITHSCORES'): Promise<string[]>;
  lrange(key: string, start: number, stop: number): Promise<string[]>;
  smembers(key: string): Promise<string[]>;
  dumpBuffer(key: string): Promise<Buffer | null>;
}

/** Whatever a key holds, as text, read the way its type is read (a DUMP for any other type). */
export async function redisValueText(client: RedisReader, key: string): Promise<string> {
  switch (await client.type(key)) {
    case 'string':
      return (await client.get(key)) ?? '';
    case 'hash':
      return JSON.stringify(await client.hgetall(key));
    case 'zset':
      return JSON.stringify(await client.zrange(key, '0', '-1', 'WITHSCORES'));
    case 'list':
      return JSON.stringify(await client.lrange(key, 0, -1));
    case 'set':
      return JSON.stringify(await client.smembers(key));
    default:
      return (await client.dumpBuffer(key))?.toString('latin1') ?? '';
  }
}

/** A redis-server of the test's own, which the test may kill and bring back on the same port. */
export interface KillableRedisServer {
  /** `redis://127.0.0.1:<port>`. */
  url: string;
  port: number;
  /** SIGKILL: the server is gone at once, as in a crash. */
  kill(): Promise<void>;
  /** Starts it again on the same port (empty: persistence is off). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** Always a server of its own (never ZEN_TEST_REDIS_URL's, which a test must not kill). */
export async function startKillableRedisServer(): Promise<KillableRedisServer> {
  const { stdout } = await run('bash', [`${scripts}start-redis-server.sh`], { timeout: 600_000 });
  const started = Object.fromEntries(stdout.trim().split('\n').map((line) => line.split('=', 2) as [string, string]));
  const { REDIS_URL: url, REDIS_DIR: dir } = started;
  if (!url || !dir) throw new Error(`start-redis-server.sh printed no URL: ${stdout}`);
  const port = Number(new URL(url).port);
  const pid = async (): Promise<number> => Number((await run('cat', [`${dir}/redis.pid`])).stdout.trim());
  return {
    url,
    port,
    async kill() {
      const killed = await pid();
      process.kill(killed, 'SIGKILL');
      // Gone once its port refuses connections.
      for (let attempt = 0; attempt < 100; attempt++) {
        try {
          process.kill(killed, 0);
        } catch {
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    async restart() {
      await run('redis-server', ['--bind', '127.0.0.1', '--port', String(port), '--protected-mode', 'yes', '--dir', dir, '--save', '', '--appendonly', 'no', '--daemonize', 'yes', '--pidfile', `${dir}/redis.pid`, '--logfile', `${dir}/redis.log`]);
      for (let attempt = 0; attempt < 100; attempt++) {
        const pong = await run('redis-cli', ['-h', '127.0.0.1', '-p', String(port), 'ping']).then(({ stdout: out }) => out.trim(), () => '');
        if (pong === 'PONG') return;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`redis-server did not come back on port ${port}`);
    },
    stop: async () => void (await run('bash', [`${scripts}stop-redis-server.sh`, dir])),
  };
}

import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RedisStore } from '@zen-leads/redis';
import { redisUrlWith, startTestRedisServer, type TestRedisServer } from '@zen-leads/test-support/redis-server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DISTINCTIVE_TOKEN, serveSimulator, type ServedSimulator } from './support/served-simulator.js';
import { spawnCli } from './support/run-cli.js';

const RECORD_LOADED_MODULES = fileURLToPath(new URL('./fixtures/record-loaded-modules.mjs', import.meta.url));
/**
 * A database of its own on the test server, emptied after each test: every test uses the same
 * token, and the token's window is one wherever its URL points.
 */
const DB = 7;

/**
 * `--store redis://…`: processes that share a Redis share the token's window and the cache,
 * against a real redis-server and the simulator with a short window.
 */
describe('zen-leads totals --store redis://', () => {
  let redis: TestRedisServer;
  let served: ServedSimulator | undefined;
  beforeAll(async () => {
    redis = await startTestRedisServer();
  }, 600_000);
  afterAll(async () => {
    await redis?.stop();
  });
  afterEach(async () => {
    await served?.close();
    served = undefined;
    const cleaner = new RedisStore({ url: redisUrlWith(redis.url, { db: DB }) });
    await cleaner.client.flushdb();
    await cleaner.close();
  });

  it('two concurrent runs for different days send ≥ 1 window apart with no 429, and a third run is answered from Redis', async () => {
    // Long enough that the last run below still falls inside the window on a busy machine.
    const windowMs = 4_000;
    served = await serveSimulator({ windowMs });
    const store = redisUrlWith(redis.url, { db: DB });
    const args = ['--format', 'json', '--store', store, '--min-interval', '4s'];
    // Each process gets a cache dir of its own (two machines, in effect): only Redis joins them.
    const dirs = await Promise.all([1, 2].map(() => mkdtemp(join(tmpdir(), 'zen-cli-machine-'))));
    const [a, b] = await Promise.all([
      served.run(['totals', '2026-11-24', ...args], { ZEN_CACHE_DIR: dirs[0] }),
      served.run(['totals', '2026-11-23', ...args], { ZEN_CACHE_DIR: dirs[1] }),
    ]).finally(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    expect([JSON.parse(a.stdout).date, JSON.parse(b.stdout).date]).toEqual(['2026-11-24', '2026-11-23']);
    const log = served.simulator.log;
    expect(log.map((entry) => entry.status)).toEqual([200, 200]);
    expect((log[1]?.at ?? 0) - (log[0]?.at ?? 0)).toBeGreaterThanOrEqual(windowMs);
    // A third machine (the test's own empty cache dir), in fail mode: only Redis can answer this.
    const again = await served.run(['totals', '2026-11-24', ...args, '--on-rate-limit', 'fail']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toBe(a.stdout);
    expect(served.simulator.log).toHaveLength(2);

    // The window is shared too: another day, at once, in fail mode, is refused without sending.
    const refused = await served.run(['totals', '2026-11-22', ...args, '--on-rate-limit', 'fail']);
    expect(refused.code, refused.stderr).toBe(4);
    expect(served.simulator.log).toHaveLength(2);
    // No run wrote window state or cache to its cache dir: it all went to Redis.
    expect(await served.cacheFiles()).toEqual([]);
  });

  it('keeps only hashes and responses in Redis, never the token', async () => {
    served = await serveSimulator({ windowMs: 0 });
    const store = redisUrlWith(redis.url, { db: DB });
    const run = await served.run(['totals', '2026-11-24', '--store', store]);
    expect(run.code, run.stderr).toBe(0);
    const inspector = new RedisStore({ url: store });
    try {
      const keys = await inspector.client.keys('zen-leads:*');
      expect(keys.some((key) => key.startsWith('zen-leads:cache:'))).toBe(true);
      const values = await Promise.all(keys.map(async (key) => ((await inspector.client.type(key)) === 'string' ? inspector.client.get(key) : '')));
      for (const text of [...keys, ...values]) expect(text ?? '').not.toContain(DISTINCTIVE_TOKEN);
    } finally {
      await inspector.close();
    }
  });

  it('loads the Redis client only for a Redis URL', async () => {
    served = await serveSimulator({ windowMs: 0 });
    const loadedBy = async (storeArgs: string[]): Promise<string[]> => {
      const file = join(served!.cacheDir, `loaded-${storeArgs.length}.json`);
      // Which modules a process loads needs a process of its own.
      const run = await spawnCli(['totals', '2026-11-24', ...storeArgs, '--no-cache'], {
        ...served!.env,
        NODE_OPTIONS: `--import=${RECORD_LOADED_MODULES}`,
        ZEN_TEST_LOADED_MODULES_FILE: file,
      });
      expect(run.code, run.stderr).toBe(0);
      return JSON.parse(await readFile(file, 'utf8')) as string[];
    };
    const onFile = await loadedBy([]);
    const onRedis = await loadedBy(['--store', redisUrlWith(redis.url, { db: DB })]);
    expect(onRedis.some((path) => path.includes('ioredis'))).toBe(true);
    expect(onFile.some((path) => path.includes('ioredis'))).toBe(false);
  });
});

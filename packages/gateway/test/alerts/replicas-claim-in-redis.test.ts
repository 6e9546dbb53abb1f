import { RedisStore } from '@zen-leads/redis';
import { startTestRedisServer, type TestRedisServer } from '@zen-leads/test-support/redis-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert } from '../../src/alerts/alert.js';
import { SILENT, at, engineOf, runSilentDay } from './support/day-of-snapshots.js';

describe('three replicas claiming alerts in a real Redis', () => {
  let redis: TestRedisServer;
  const stores: RedisStore[] = [];
  beforeAll(async () => {
    redis = await startTestRedisServer();
  }, 600_000);
  afterAll(async () => {
    await Promise.all(stores.map((store) => store.close()));
    await redis?.stop();
  });

  it('post each alert once, on whichever replica claims first, and all list it', async () => {
    const keyPrefix = `zen-alerts-test-${process.pid}-${Date.now()}:`;
    const delivered: Alert[] = [];
    const engines = [0, 1, 2].map(() => {
      const store = new RedisStore({ url: redis.url, keyPrefix });
      stores.push(store);
      return engineOf(SILENT, { store, delivered });
    });
    // Ana stops 09:35–10:40 and from 11:00; every replica observes each snapshot at the same time.
    const fired = await runSilentDay(engines, (time) => (time >= '09:35' && time < '10:40') || time >= '11:00');
    expect(delivered.map((alert) => alert.at)).toEqual([at('10:00').toISOString(), at('11:25').toISOString()]);
    expect(fired).toEqual(delivered);
    for (const engine of engines) expect(engine.alerts().map((alert) => alert.id)).toEqual(delivered.map((alert) => alert.id).reverse());
  }, 60_000);
});

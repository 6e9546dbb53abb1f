import { createZenClient } from '@zen-leads/core';
import { redisValueText } from '@zen-leads/test-support/redis-server';
import { expect, test } from 'vitest';
import { isolatedRedis } from './support/isolated-redis.js';
import { distinctPastDays, servedSimulator } from './support/shared-token-scenario.js';

test('after a real call through the client, no Redis key or value holds the token', async () => {
  const shared = await servedSimulator();
  const redis = isolatedRedis();
  const store = redis.newStore();
  const [day] = distinctPastDays(1, 1)[0] as string[];
  const client = createZenClient({ url: shared.url, token: shared.token, store, minIntervalMs: 1_000, windowMarginMs: 0 });

  const result = await client.getTotalsResult(day as string);
  expect(result.fromCache).toBe(false);

  const keys = await redis.raw.keys(`${redis.keyPrefix}*`);
  // Something was written (the window and the cached day), so the check below means something.
  expect(keys.some((key) => key.includes(':window:'))).toBe(true);
  expect(keys.some((key) => key.includes(':cache:'))).toBe(true);
  for (const key of keys) {
    expect(key).not.toContain(shared.token);
    expect(await redisValueText(redis.raw, key)).not.toContain(shared.token);
  }
  // And the cached day serves the next call without a request.
  expect((await client.getTotalsResult(day as string)).fromCache).toBe(true);
  expect(shared.simulator.log).toHaveLength(1);
});


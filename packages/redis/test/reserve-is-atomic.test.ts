import { expect, test } from 'vitest';
import { isolatedRedis } from './support/isolated-redis.js';

test('of many connections reserving the same window at once, exactly one is granted', async () => {
  const redis = isolatedRedis();
  const stores = Array.from({ length: 24 }, () => redis.newStore());
  // Connect first, so the reserves race each other rather than the connection handshakes.
  await Promise.all(stores.map((store) => store.client.ping()));

  const answers = await Promise.all(stores.map((store, i) => store.reserve('window', { holder: `owner-${i}`, day: '2026-11-20', windowMs: 60_000 })));

  const granted = answers.filter((answer) => answer.granted);
  expect(granted).toHaveLength(1);
  for (const answer of answers) {
    if (!answer.granted) {
      expect(answer.waitMs).toBeGreaterThan(55_000);
      expect(answer.waitMs).toBeLessThanOrEqual(60_000);
    }
  }
  const winner = answers.findIndex((answer) => answer.granted);
  expect(await redis.raw.get(`${redis.keyPrefix}window:window`)).toBe(`owner-${winner}\t2026-11-20`);
});

test('repeated rounds of racing reserves never grant a window twice', async () => {
  const redis = isolatedRedis();
  const stores = Array.from({ length: 8 }, () => redis.newStore());
  await Promise.all(stores.map((store) => store.client.ping()));

  for (let round = 0; round < 10; round++) {
    const answers = await Promise.all(stores.map((store, i) => store.reserve(`round-${round}`, { holder: `owner-${i}`, day: '2026-11-20', windowMs: 5_000 })));
    expect(answers.filter((answer) => answer.granted)).toHaveLength(1);
  }
});

import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { startDailyFixture, type DailyFixture } from '@zen-leads/daily-shared/testing';
import { readState, runBunDaily } from './support/run-bun-daily.js';

let world: DailyFixture;
beforeEach(async () => {
  world = await startDailyFixture();
});
afterEach(() => world.close());

it('a re-run of the same day sends the same idempotency key, keeps the one stored day and spends no API request', async () => {
  const first = await runBunDaily(['--date', '2026-03-10'], world.env());
  expect(first.code, first.stderr).toBe(0);
  const second = await runBunDaily(['--date', '2026-03-10'], world.env());
  expect(second.code, second.stderr).toBe(0);

  const keys = world.receiver.received.map((post) => post.headers['idempotency-key']);
  expect(keys).toHaveLength(2);
  expect(keys[1]).toBe(keys[0]);
  expect(world.receiver.received[1]?.body).toStrictEqual(world.receiver.received[0]?.body);

  expect(JSON.parse(first.stdout)).toMatchObject({ history: 'inserted', fromCache: false });
  expect(JSON.parse(second.stdout)).toMatchObject({ history: 'already-stored', fromCache: true, idempotencyKey: keys[0] });
  const state = await readState(join(world.stateDir, 'history.sqlite'));
  expect(state.days.map((row) => row.date)).toStrictEqual(['2026-03-10']);
  expect(state.deliveries.map((row) => [row.date, row.idempotency_key, row.delivered_key])).toStrictEqual([['2026-03-10', keys[0], keys[0]]]);

  // The closed day came from the client's cache in the state folder: the 5-minute window was not spent again.
  expect(world.sim.log.filter((entry) => entry.status !== 0)).toHaveLength(1);
});

import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { startDailyFixture, type DailyFixture } from '@zen-leads/daily-shared/testing';
import { readState, runDenoDaily } from './support/run-deno-daily.js';

let world: DailyFixture;
beforeEach(async () => {
  world = await startDailyFixture();
});
afterEach(() => world.close());

it('a re-run of the same day sends the same idempotency key, keeps the one stored day and spends no API request', async () => {
  const first = await runDenoDaily(['--date', '2026-03-10'], world.env());
  expect(first.code, first.stderr).toBe(0);
  const second = await runDenoDaily(['--date', '2026-03-10'], world.env());
  expect(second.code, second.stderr).toBe(0);

  const keys = world.receiver.received.map((post) => post.headers['idempotency-key']);
  expect(keys).toHaveLength(2);
  expect(keys[1]).toBe(keys[0]);
  expect(JSON.parse(first.stdout)).toMatchObject({ history: 'inserted', fromCache: false });
  expect(JSON.parse(second.stdout)).toMatchObject({ history: 'already-stored', fromCache: true, idempotencyKey: keys[0] });
  const state = await readState(join(world.stateDir, 'history.sqlite'));
  expect(state.days.map((row) => row.date)).toStrictEqual(['2026-03-10']);
  expect(state.deliveries.map((row) => [row.date, row.idempotency_key])).toStrictEqual([['2026-03-10', keys[0]]]);
  expect(world.sim.log.filter((entry) => entry.status !== 0)).toHaveLength(1);
});

it('retries a failing webhook with the same key a bounded number of times, and a failed re-delivery keeps the earlier delivery time', async () => {
  world.receiver.failNext(502);
  const ok = await runDenoDaily(['--date', '2026-03-10', '--webhook-backoff-ms', '20'], world.env());
  expect(ok.code, ok.stderr).toBe(0);
  expect(JSON.parse(ok.stdout)).toMatchObject({ delivered: true, attempts: 2 });
  const { deliveries: [delivered] } = await readState(join(world.stateDir, 'history.sqlite'));
  world.receiver.failAlways(503);
  const failed = await runDenoDaily(['--date', '2026-03-10', '--webhook-retries', '1', '--webhook-backoff-ms', '20'], world.env());
  expect(failed.code).toBe(1);
  expect(new Set(world.receiver.received.map((post) => post.headers['idempotency-key'])).size).toBe(1);
  expect(world.receiver.received).toHaveLength(4);
  const { deliveries: [row] } = await readState(join(world.stateDir, 'history.sqlite'));
  expect(delivered?.delivered_at).toEqual(expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/));
  expect(row).toMatchObject({ delivered_at: delivered?.delivered_at, delivery_attempts: 2 });
  expect(row?.last_error).toContain('HTTP 503');
});

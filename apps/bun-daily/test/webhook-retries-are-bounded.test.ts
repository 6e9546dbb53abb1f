import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { startDailyFixture, type DailyFixture } from '@zen-leads/daily-shared/testing';
import { readState, runBunDaily } from './support/run-bun-daily.js';

let world: DailyFixture;
beforeEach(async () => {
  world = await startDailyFixture();
});
afterEach(() => world.close());

const quickBackoff = ['--webhook-backoff-ms', '20'];

it('retries a webhook answering 503 and 429 with the same key, then records the delivery', async () => {
  world.receiver.failNext(503, 429);
  const result = await runBunDaily(['--date', '2026-04-01', ...quickBackoff], world.env());
  expect(result.code, result.stderr).toBe(0);
  const keys = world.receiver.received.map((post) => post.headers['idempotency-key']);
  expect(keys).toHaveLength(3);
  expect(new Set(keys).size).toBe(1);
  expect(result.stderr).toContain('webhook attempt 1 failed (HTTP 503)');
  expect(JSON.parse(result.stdout)).toMatchObject({ delivered: true, attempts: 3 });
  const { deliveries: [row] } = await readState(join(world.stateDir, 'history.sqlite'));
  expect(row).toMatchObject({ delivery_attempts: 3, last_error: null });
  expect(row?.delivered_at).not.toBeNull();
});

it('gives up after --webhook-retries, exits 1, and keeps the day in the history, recorded as not delivered', async () => {
  world.receiver.failAlways(500);
  const result = await runBunDaily(['--date', '2026-04-01', '--webhook-retries', '2', ...quickBackoff], world.env());
  expect(result.code).toBe(1);
  expect(world.receiver.received).toHaveLength(3);
  expect(result.stderr).toContain('The webhook failed 3 time(s); last: HTTP 500.');
  const state = await readState(join(world.stateDir, 'history.sqlite'));
  expect(state.days.map((day) => day.date)).toStrictEqual(['2026-04-01']);
  expect(state.deliveries[0]).toMatchObject({ date: '2026-04-01', delivered_at: null, delivered_key: null, delivery_attempts: 3, last_error: 'The webhook failed 3 time(s); last: HTTP 500.' });
});

it('does not retry a webhook that refuses the day (4xx)', async () => {
  world.receiver.failAlways(422);
  const result = await runBunDaily(['--date', '2026-04-01', ...quickBackoff], world.env());
  expect(result.code).toBe(1);
  expect(world.receiver.received).toHaveLength(1);
  expect(result.stderr).toContain('HTTP 422');
});

it('a failed re-delivery of a day already delivered keeps the first delivery time and records the failed attempts', async () => {
  const first = await runBunDaily(['--date', '2026-04-01', ...quickBackoff], world.env());
  expect(first.code, first.stderr).toBe(0);
  const { deliveries: [delivered] } = await readState(join(world.stateDir, 'history.sqlite'));
  expect(delivered?.delivered_at).toEqual(expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/));

  world.receiver.failAlways(500);
  const again = await runBunDaily(['--date', '2026-04-01', '--webhook-retries', '1', ...quickBackoff], world.env());
  expect(again.code).toBe(1);
  const { deliveries: [row] } = await readState(join(world.stateDir, 'history.sqlite'));
  expect(row).toMatchObject({ date: '2026-04-01', delivered_at: delivered?.delivered_at, delivered_key: delivered?.idempotency_key, delivery_attempts: 2 });
  expect(row?.last_error).toContain('HTTP 500');
});

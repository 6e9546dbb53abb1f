import { join } from 'node:path';
import { sha256Hex, summarize, todayInSaoPaulo, toUserRows, yesterdayInSaoPaulo } from '@zen-leads/core';
import { decodeLeadTotals } from '@zen-leads/core/schema';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { startDailyFixture, TOKEN, type DailyFixture } from '@zen-leads/daily-shared/testing';
import { readState, runBunDaily } from './support/run-bun-daily.js';

let world: DailyFixture;
beforeEach(async () => {
  world = await startDailyFixture();
});
afterEach(() => world.close());

it("posts yesterday's São Paulo totals to the webhook with an idempotency key, stores the day in the SQLite history and records the delivery", async () => {
  const yesterday = yesterdayInSaoPaulo();
  const result = await runBunDaily([], world.env());
  expect(result.code, result.stderr).toBe(0);

  const expected = decodeLeadTotals(await world.sim.payloadFor(TOKEN, yesterday));
  const key = `${yesterday}:${sha256Hex(JSON.stringify(expected)).slice(0, 32)}`;
  expect(world.receiver.received).toHaveLength(1);
  const [post] = world.receiver.received;
  expect(post?.headers['idempotency-key']).toBe(key);
  expect(post?.headers['content-type']).toBe('application/json');
  expect(post?.body).toStrictEqual({ date: yesterday, idempotencyKey: key, summary: summarize(expected), users: toUserRows(expected), totals: expected });

  expect(JSON.parse(result.stdout)).toMatchObject({ date: yesterday, idempotencyKey: key, history: 'inserted', delivered: true, attempts: 1, fromCache: false });
  const state = await readState(join(world.stateDir, 'history.sqlite'));
  expect(state.days).toHaveLength(1);
  expect(state.days[0]).toMatchObject({ date: yesterday, users: expected.users.length, total_leads: summarize(expected).totalLeads });
  expect(JSON.parse(state.days[0]?.totals_json ?? '')).toStrictEqual(expected);
  expect(state.deliveries).toHaveLength(1);
  expect(state.deliveries[0]).toMatchObject({ date: yesterday, idempotency_key: key, delivered_key: key, delivery_attempts: 1, last_error: null });
  expect(state.deliveries[0]?.delivered_at).toEqual(expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/));

  // The token went only to the API, as its header: not to the webhook, the output or the history.
  const everythingWritten = JSON.stringify([world.receiver.received, result.stdout, result.stderr, state]);
  expect(everythingWritten).not.toContain(TOKEN);
  expect(world.sim.log.map((entry) => [entry.date, entry.status])).toStrictEqual([[yesterday, 200]]);
});

it('sends the day given with --date', async () => {
  const result = await runBunDaily(['--date', '2026-01-05'], world.env());
  expect(result.code, result.stderr).toBe(0);
  expect((world.receiver.received[0]?.body as { date: string }).date).toBe('2026-01-05');
  expect(world.receiver.received[0]?.headers['idempotency-key']).toMatch(/^2026-01-05:[0-9a-f]{32}$/);
});

it("sends today's totals when asked, but stores only closed days in the history (today's still change)", async () => {
  const today = todayInSaoPaulo();
  const result = await runBunDaily(['--date', today], world.env());
  expect(result.code, result.stderr).toBe(0);
  expect(JSON.parse(result.stdout)).toMatchObject({ date: today, history: 'not-closed', delivered: true });
  expect(result.stderr).toContain('not over in São Paulo yet');
  const state = await readState(join(world.stateDir, 'history.sqlite'));
  expect(state.days).toStrictEqual([]);
  expect(state.deliveries.map((row) => row.date)).toStrictEqual([today]);
});

it('stops with exit 2 and the usage on a bad flag or a missing setting, sending nothing', async () => {
  const badDate = await runBunDaily(['--date', '2026-02-30'], world.env());
  expect(badDate.code).toBe(2);
  expect(badDate.stderr).toContain('Usage:');
  const { WEBHOOK_URL: _, ...withoutWebhook } = world.env();
  const noWebhook = await runBunDaily([], withoutWebhook);
  expect(noWebhook.code).toBe(2);
  expect(noWebhook.stderr).toContain('WEBHOOK_URL');
  expect(world.sim.log).toHaveLength(0);
  expect(world.receiver.received).toHaveLength(0);
});

import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { sha256Hex, summarize, toUserRows, yesterdayInSaoPaulo } from '@zen-leads/core';
import { decodeLeadTotals } from '@zen-leads/core/schema';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { startDailyFixture, TOKEN, type DailyFixture } from '@zen-leads/daily-shared/testing';
import { ENV_VARIABLES, leastPrivilege, readState, runDenoDaily } from './support/run-deno-daily.js';

let world: DailyFixture;
beforeEach(async () => {
  world = await startDailyFixture();
});
afterEach(() => world.close());

it("posts yesterday's São Paulo totals with an idempotency key and stores the day in a 0600 SQLite history, with net, env and files limited to what the job needs", async () => {
  const yesterday = yesterdayInSaoPaulo();
  const permissions = leastPrivilege(world.env());
  // Exactly these and nothing broader: two host:port pairs, five variables, one folder.
  expect(permissions).toStrictEqual([
    `--allow-net=${new URL(world.zenUrl).host},${new URL(world.receiver.url).host}`,
    `--allow-env=${ENV_VARIABLES}`,
    `--allow-read=${world.stateDir}`,
    `--allow-write=${world.stateDir}`,
  ]);
  const result = await runDenoDaily([], world.env(), permissions);
  expect(result.code, result.stderr).toBe(0);

  const expected = decodeLeadTotals(await world.sim.payloadFor(TOKEN, yesterday));
  const key = `${yesterday}:${sha256Hex(JSON.stringify(expected)).slice(0, 32)}`;
  expect(world.receiver.received).toHaveLength(1);
  expect(world.receiver.received[0]?.headers['idempotency-key']).toBe(key);
  expect(world.receiver.received[0]?.body).toStrictEqual({ date: yesterday, idempotencyKey: key, summary: summarize(expected), users: toUserRows(expected), totals: expected });
  expect(JSON.parse(result.stdout)).toMatchObject({ date: yesterday, idempotencyKey: key, history: 'inserted', delivered: true, attempts: 1 });

  const history = join(world.stateDir, 'history.sqlite');
  const state = await readState(history);
  expect(state.days).toHaveLength(1);
  expect(state.days[0]).toMatchObject({ date: yesterday, total_leads: summarize(expected).totalLeads });
  expect(JSON.parse(state.days[0]?.totals_json ?? '')).toStrictEqual(expected);
  expect(state.deliveries[0]).toMatchObject({ date: yesterday, idempotency_key: key, delivered_key: key, delivery_attempts: 1 });
  // POSIX modes: the names and numbers inside are readable only by their owner.
  for (const file of [history, `${history}-wal`, `${history}-shm`].filter((path) => existsSync(path))) {
    expect((statSync(file).mode & 0o777).toString(8), file).toBe('600');
  }
  expect(JSON.stringify([world.receiver.received, result.stdout, result.stderr, state])).not.toContain(TOKEN);
});

it('cannot reach a host it was not granted: without the webhook in --allow-net nothing is posted and the run fails', async () => {
  const env = world.env();
  const onlyTheApi = leastPrivilege(env).map((flag) => (flag.startsWith('--allow-net=') ? `--allow-net=${new URL(world.zenUrl).host}` : flag));
  const result = await runDenoDaily(['--date', '2026-05-02', '--webhook-retries', '0'], env, onlyTheApi);
  expect(result.code).toBe(1);
  expect(result.stderr).toMatch(/Requires net access to "127\.0\.0\.1:\d+"/);
  expect(world.receiver.received).toHaveLength(0);
});

it('cannot read a variable it was not granted', async () => {
  const env = world.env();
  const withoutToken = leastPrivilege(env).map((flag) => (flag.startsWith('--allow-env=') ? '--allow-env=ZEN_URL,WEBHOOK_URL,ZEN_DAILY_STATE_DIR,HOME' : flag));
  const result = await runDenoDaily(['--date', '2026-05-02'], env, withoutToken);
  expect(result.code).not.toBe(0);
  expect(result.stderr).toContain('ZEN_TOKEN');
  expect(world.sim.log).toHaveLength(0);
});

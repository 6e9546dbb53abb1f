import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { startDailyFixture, type DailyFixture } from '@zen-leads/daily-shared/testing';
import { runBunDaily } from './support/run-bun-daily.js';

let world: DailyFixture;
beforeEach(async () => {
  world = await startDailyFixture();
});
afterEach(() => world.close());

const modeOf = (path: string): string => (statSync(path).mode & 0o777).toString(8);

it('creates the state folder 0700 and history.sqlite 0600: the totals name people and are readable only by their owner (POSIX modes)', async () => {
  const stateDir = join(world.stateDir, 'state');
  const result = await runBunDaily(['--date', '2026-04-02'], world.env({ ZEN_DAILY_STATE_DIR: stateDir }));
  expect(result.code, result.stderr).toBe(0);
  expect(modeOf(stateDir)).toBe('700');
  const history = join(stateDir, 'history.sqlite');
  for (const file of [history, `${history}-wal`, `${history}-shm`].filter((path) => existsSync(path))) expect(modeOf(file), file).toBe('600');
  expect(modeOf(history)).toBe('600');
});

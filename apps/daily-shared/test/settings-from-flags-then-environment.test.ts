import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ConfigError, readConfig, usageFor } from '../src/config.ts';

const env = { ZEN_URL: 'http://127.0.0.1:1/api', ZEN_TOKEN: 'settings-test-token', WEBHOOK_URL: 'http://127.0.0.1:2/hook', HOME: '/home/cron' };
// 23:30 on 2026-02-28 in São Paulo (UTC−3) is already 1 March in UTC: yesterday is 27 February.
const lateEvening = Date.parse('2026-03-01T02:30:00Z');

it("defaults to yesterday in São Paulo, the state folder under HOME, 3 retries and a 1 s backoff", () => {
  expect(readConfig([], env, lateEvening)).toStrictEqual({
    zenUrl: env.ZEN_URL,
    zenToken: env.ZEN_TOKEN,
    webhookUrl: env.WEBHOOK_URL,
    date: '2026-02-27',
    stateDir: join('/home/cron', '.local', 'state', 'zen-leads-daily'),
    webhookRetries: 3,
    webhookBackoffMs: 1_000,
  });
});

it('takes a flag over its variable', () => {
  const config = readConfig(['--webhook', 'http://127.0.0.1:3/other', '--state-dir', '/var/lib/zen-daily'], { ...env, ZEN_DAILY_STATE_DIR: '/tmp/ignored' }, lateEvening);
  expect(config).toMatchObject({ webhookUrl: 'http://127.0.0.1:3/other', stateDir: '/var/lib/zen-daily' });
});

it('refuses a token flag, a day that does not exist, a retry count out of range and a missing setting', () => {
  expect(() => readConfig(['--token', 'x'], env)).toThrow(ConfigError);
  expect(() => readConfig(['--date', '2026-02-30'], env)).toThrow(/not a calendar day/);
  expect(() => readConfig(['--webhook-retries', '11'], env)).toThrow(/from 0 to 10/);
  const { ZEN_TOKEN: _, ...withoutToken } = env;
  expect(() => readConfig([], withoutToken)).toThrow(/Missing ZEN_TOKEN/);
});

it("starts the usage with the app's own command and lines the flags up under the first", () => {
  const [first, second] = usageFor('deno run <permissions> src/main.ts').split('\n');
  expect(first).toMatch(/^Usage: deno run <permissions> src\/main\.ts \[--date YYYY-MM-DD\]/);
  expect(second?.indexOf('[')).toBe(first?.indexOf('['));
});

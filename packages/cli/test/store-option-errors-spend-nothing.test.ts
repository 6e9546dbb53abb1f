import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DISTINCTIVE_TOKEN, serveSimulator, type ServedSimulator } from './support/served-simulator.js';

const REDIS_PASSWORD = 'redis-pw-Jq83-never-shown';

/**
 * A store value that cannot work is caught before the client exists: exit 2, a message naming
 * the fix (and the setting: --store or ZEN_STORE), nothing sent, and never the URL's password.
 */
describe('zen-leads totals with a bad --store sends nothing', () => {
  let served: ServedSimulator;
  beforeAll(async () => {
    served = await serveSimulator();
  });
  afterAll(async () => {
    expect(served.simulator.log).toEqual([]);
    await served.close();
  });

  const cases: [string, string[], Record<string, string>, RegExp][] = [
    ['a bare word', ['--store', 'redis'], {}, /--store needs the colon: redis:/],
    ['a folder without file:', [], { ZEN_STORE: '/var/lib/zen' }, /ZEN_STORE needs a scheme: file:<dir>, memory: or redis:\/\/host:port\[\/db\]/],
    ['an unknown scheme with a password', ['--store', `postgres://zen:${REDIS_PASSWORD}@127.0.0.1:5432/1`], {}, /--store does not know the scheme "postgres:"/],
    ['a Redis URL with a path and a password', [], { ZEN_STORE: `redis://zen:${REDIS_PASSWORD}@127.0.0.1:6379/leads` }, /ZEN_STORE: .*only a database number/],
    ['a Redis URL that does not parse', ['--store', `redis://zen:${REDIS_PASSWORD}@127.0.0.1:99999`], {}, /--store: that Redis URL does not parse/],
    ['memory: with a suffix', ['--store', 'memory:all'], {}, /write just memory:/],
  ];

  it.each(cases)('%s: exits 2 with a message naming the fix', async (_, args, env, message) => {
    const run = await served.run(['totals', '2026-11-24', ...args], env);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toContain(REDIS_PASSWORD);
    expect(run.stderr).not.toContain(DISTINCTIVE_TOKEN);
  });
});

import { randomUUID } from 'node:crypto';
import { RedisStore } from '@zen-leads/redis';
import { redisUrlWith, startTestRedisServer, type TestRedisServer } from '@zen-leads/test-support/redis-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliRun } from './support/run-cli.js';
import { DISTINCTIVE_TOKEN, serveSimulator, type ServedSimulator } from './support/served-simulator.js';

const PASSWORD = 'redis-pw-Zt4q-9Lmx-never-shown';

/**
 * A Redis URL's password is a secret like the token: runs that use it (through --store or
 * ZEN_STORE), a wrong one and an unreachable server never show it, nor the token. A store that
 * fails exits 5 naming the store (without its userinfo) and the fix.
 */
describe('the Redis password never appears', () => {
  let redis: TestRedisServer;
  let admin: RedisStore;
  const username = `zen-cli-${randomUUID().slice(0, 8)}`;
  const servers: ServedSimulator[] = [];
  const runs: { name: string; run: CliRun; sent: number }[] = [];

  beforeAll(async () => {
    redis = await startTestRedisServer();
    admin = new RedisStore({ url: redis.url });
    await admin.client.call('ACL', 'SETUSER', username, 'on', `>${PASSWORD}`, '~*', '+@all');
    const url = (password: string) => redisUrlWith(redis.url, { username, password, db: 3 });
    const scenario = async (name: string, args: string[], env: Record<string, string> = {}) => {
      const served = await serveSimulator({ windowMs: 0 });
      servers.push(served);
      // One token in every scenario, hence one window: a short one, so the two that succeed both do.
      const run = await served.run(['totals', '2026-11-24', '--min-interval', '200ms', ...args], env);
      runs.push({ name, run, sent: served.simulator.log.length });
    };
    await Promise.all([
      scenario('password in --store', ['--store', url(PASSWORD)]),
      scenario('password in ZEN_STORE', [], { ZEN_STORE: url(PASSWORD) }),
      scenario('wrong password', ['--store', url(`${PASSWORD}-wrong`)]),
      // Port 1 on loopback: nothing listens there.
      scenario('unreachable server', [], { ZEN_STORE: `redis://${username}:${PASSWORD}@127.0.0.1:1/0` }),
    ]);
  }, 600_000);

  afterAll(async () => {
    await admin?.client.call('ACL', 'DELUSER', username).catch(() => undefined);
    await admin?.close();
    await Promise.all(servers.map((served) => served.close()));
    await redis?.stop();
  });

  const find = (name: string) => runs.find((entry) => entry.name === name)!;

  it('a correct password works, from --store and from ZEN_STORE', () => {
    for (const name of ['password in --store', 'password in ZEN_STORE']) {
      expect(find(name).run.code, find(name).run.stderr).toBe(0);
      expect(find(name).sent).toBe(1);
    }
  });

  it('a wrong password or an unreachable server exits 5 at once, sends nothing, and names the store and the fix', () => {
    for (const name of ['wrong password', 'unreachable server']) {
      const { run, sent } = find(name);
      expect(run.code, run.stderr).toBe(5);
      expect(run.elapsedMs).toBeLessThan(10_000);
      expect(sent).toBe(0);
      expect(run.stderr).toMatch(/the store redis:\/\/\*\*\*@127\.0\.0\.1:\d+\/\d failed: /);
      expect(run.stderr).toMatch(/Check that the server is running and reachable and that the URL's password is right \(--store or ZEN_STORE\)/);
    }
    expect(find('wrong password').run.stderr).toMatch(/WRONGPASS|NOAUTH|invalid username-password/);
    expect(find('unreachable server').run.stderr).toMatch(/ECONNREFUSED/);
  });

  it('appears in no stdout or stderr, and neither does the token', () => {
    expect(runs).toHaveLength(4);
    for (const { name, run } of runs) {
      for (const secret of [PASSWORD, encodeURIComponent(PASSWORD), DISTINCTIVE_TOKEN]) {
        expect({ name, leaked: run.stdout.includes(secret) || run.stderr.includes(secret) }).toEqual({ name, leaked: false });
      }
    }
  });
});

import { createHmac, randomUUID } from 'node:crypto';
import { RedisStore } from '@zen-leads/redis';
import { startTestRedisServer, type TestRedisServer } from '@zen-leads/test-support/redis-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OTHER_CLIENT_KEY, UPSTREAM_TOKEN, startGatewayWorld, type GatewayWorld } from './support/gateway-world.js';
import { opensDashboard, signIn, signOut } from './support/sign-in.js';

// Two replicas of the gateway on one real Redis, as `zen-leads serve --store redis://…` runs them.
let redis: TestRedisServer;
let inspector: RedisStore;
const keyPrefix = `zen-test-sessions-${randomUUID()}:`;
const stores: RedisStore[] = [];
let replicaA: GatewayWorld;
let replicaB: GatewayWorld;

beforeAll(async () => {
  redis = await startTestRedisServer();
  inspector = new RedisStore({ url: redis.url, keyPrefix });
  const replica = (): Promise<GatewayWorld> => {
    const store = new RedisStore({ url: redis.url, keyPrefix });
    stores.push(store);
    return startGatewayWorld({ gateway: { store } });
  };
  [replicaA, replicaB] = await Promise.all([replica(), replica()]);
});

afterAll(async () => {
  await replicaA?.close();
  await replicaB?.close();
  const keys = await inspector.client.keys(`${keyPrefix}*`);
  // Nothing the sessions wrote to Redis holds the token.
  for (const key of keys) expect(`${key} ${await inspector.client.get(key).catch(() => '')}`).not.toContain(UPSTREAM_TOKEN);
  if (keys.length > 0) await inspector.client.del(...keys);
  for (const store of [...stores, inspector]) await store.close();
  await redis?.stop();
});

describe('dashboard sessions live in the shared store', () => {
  it('a session opened on replica A opens the dashboard on replica B: both sign with the one secret in Redis', async () => {
    const cookie = await signIn(replicaA.url);
    expect(await opensDashboard(replicaB.url, cookie)).toBe(true);
    const secretKeys = await inspector.client.keys(`${keyPrefix}cache:zen-leads-gateway:session-secret:*`);
    expect(secretKeys.length).toBeGreaterThanOrEqual(1);
    const [id, signature] = decodeURIComponent(cookie.split('=')[1] ?? '').split('.');
    const secrets = await Promise.all(secretKeys.map((key) => inspector.client.get(key)));
    const signedBy = secrets.filter((secret) => createHmac('sha256', secret ?? '').update(`zen-leads gateway session\n${id}`).digest('base64url') === signature);
    expect(signedBy).toHaveLength(1);
    expect(signedBy[0]).not.toContain(UPSTREAM_TOKEN);
  });

  it('signing out on replica A ends the session on replica B: the copied cookie replayed there is refused', async () => {
    const cookie = await signIn(replicaA.url, OTHER_CLIENT_KEY);
    expect(await opensDashboard(replicaB.url, cookie)).toBe(true);
    const out = await signOut(replicaA.url, cookie);
    expect(out.status).toBe(303);
    expect(await opensDashboard(replicaB.url, cookie)).toBe(false);
    expect(await opensDashboard(replicaA.url, cookie)).toBe(false);
    // Nor does signing in again bring the old cookie back: a new sign-in is a new session.
    const again = await signIn(replicaB.url, OTHER_CLIENT_KEY);
    expect(again).not.toBe(cookie);
    expect(await opensDashboard(replicaA.url, again)).toBe(true);
    expect(await opensDashboard(replicaA.url, cookie)).toBe(false);
  });

  it('the store holds no cookie that would open a session: records are keyed by a hash of the session id', async () => {
    const cookie = await signIn(replicaB.url);
    const id = decodeURIComponent(cookie.split('=')[1] ?? '').split('.')[0] ?? '';
    const keys = await inspector.client.keys(`${keyPrefix}*`);
    const values = await Promise.all(keys.map((key) => inspector.client.get(key).catch(() => '')));
    expect([...keys, ...values].join('\n')).not.toContain(id);
  });
});

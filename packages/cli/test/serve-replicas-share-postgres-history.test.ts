import { addDays, dateRange, todayInSaoPaulo } from '@zen-leads/core';
import { createTestDatabase } from '@zen-leads/test-support/postgres-server';
import { redisUrlWith, startTestRedisServer, type TestRedisServer } from '@zen-leads/test-support/redis-server';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startServe, type SpawnedGateway } from './support/served-gateway.js';
import { DISTINCTIVE_TOKEN, serveSimulator, type ServedSimulator } from './support/served-simulator.js';

const KEY = 'pg-replica-client-key-51c7e2';
const WINDOW_MS = 500;
/** The pace the shared window keeps: the window plus the core's 1 s margin. */
const WINDOW_INTERVAL_MS = WINDOW_MS + 1_000;
const DB = 11;

let redis: TestRedisServer;
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let served: ServedSimulator | undefined;
let replicas: SpawnedGateway[] = [];
beforeAll(async () => {
  redis = await startTestRedisServer();
  database = await createTestDatabase(inject('postgresUrl'));
}, 600_000);
afterAll(async () => {
  await Promise.all(replicas.map((replica) => replica.stop('SIGKILL')));
  await served?.close();
  await database?.drop();
  await redis?.stop();
});

/** The dashboard of one replica, logged in with the client key: its "Last 30 days" section. */
async function historySectionOf(replica: SpawnedGateway): Promise<string> {
  const login = await fetch(`${replica.url}/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: replica.url },
    body: new URLSearchParams({ key: KEY }),
    redirect: 'manual',
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const page = await (await fetch(`${replica.url}/`, { headers: { cookie, 'accept-language': 'en' } })).text();
  const section = /<section id="history">[\s\S]*?<\/section>/.exec(page)?.[0];
  if (!section) throw new Error(`no history section on ${replica.url}'s dashboard`);
  return section;
}

describe('zen-leads serve --history postgres://: replicas on one Redis and one PostgreSQL', () => {
  it('3 replicas fill 20 days, one killed mid-fill: 20 days in the database each once, 20 upstream requests, 0 × 429, one chart everywhere', async () => {
    let answered = 0;
    let killAfterFifth: (() => void) | undefined;
    served = await serveSimulator({ windowMs: WINDOW_MS }, (simulator) => async (request) => {
      const response = await simulator.handler(request);
      // Killed between two windows, just after the fifth day's answer: mid-fill, not mid-request.
      if (response.status === 200 && ++answered === 5) setTimeout(() => killAfterFifth?.(), 100);
      return response;
    });
    const today = todayInSaoPaulo();
    const days = dateRange(addDays(today, -20), addDays(today, -1));
    const args = ['--store', redisUrlWith(redis.url, { db: DB }), '--history', database.url, '--fill-from', days[0]!, '--min-interval', `${WINDOW_MS}ms`];
    replicas = await Promise.all([0, 1, 2].map(() => startServe(args, { ...served!.env, ZEN_GATEWAY_KEYS: KEY })));
    const [doomed, ...survivors] = replicas as [SpawnedGateway, ...SpawnedGateway[]];
    killAfterFifth = () => void doomed.stop('SIGKILL');

    const sql = postgres(database.url, { max: 1, onnotice: () => undefined });
    try {
      const deadline = Date.now() + days.length * WINDOW_INTERVAL_MS * 3 + 20_000;
      const stored = async (): Promise<number> => Number((await sql`SELECT count(*)::int AS n FROM lead_days WHERE final`)[0]?.n);
      while ((await stored()) < days.length && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250));
      // A window more: a replica fetching a day twice would show itself now.
      await new Promise((resolve) => setTimeout(resolve, 2 * WINDOW_INTERVAL_MS));

      expect(await doomed.stop()).toBe('SIGKILL');
      const rows = await sql`SELECT day::text AS day, count(*)::int AS copies FROM lead_days GROUP BY day ORDER BY day`;
      expect(rows.map((row) => row.day)).toEqual(days);
      expect(rows.every((row) => row.copies === 1)).toBe(true);
      const log = served.simulator.log;
      expect(log.filter((entry) => entry.status === 429)).toEqual([]);
      expect(log.map((entry) => entry.date).sort()).toEqual(days);
      // The killed replica's replacement and the survivors draw the same 30 days from the one database.
      const replacement = await startServe(args, { ...served.env, ZEN_GATEWAY_KEYS: KEY });
      replicas.push(replacement);
      const sections = await Promise.all([...survivors, replacement].map(historySectionOf));
      expect(sections).toHaveLength(3);
      expect(sections[0]).toContain(`${days.length} stored days`);
      for (const section of sections) expect(section).toBe(sections[0]);
      for (const replica of replicas) {
        const output = `${replica.stdout()}${replica.stderr()}`;
        expect(output).not.toContain(DISTINCTIVE_TOKEN);
        expect(output).not.toContain(new URL(database.url).password);
      }
    } finally {
      await sql.end();
    }
  }, 180_000);
});

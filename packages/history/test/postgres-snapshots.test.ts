import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import postgres from 'postgres';
import { createTestDatabase } from '@zen-leads/test-support/postgres-server';
import { historyAccountOf, PostgresHistory, serializeLeadTotals, type HistoryStore } from '../src/index.js';
import { MIGRATIONS, SCHEMA_TABLE } from '../src/postgres/postgres-schema.js';
import { day, user } from './support/lead-totals-samples.js';
import { snapshotStoreContract } from './support/snapshot-store-contract.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  database = await createTestDatabase(inject('postgresUrl'));
});
afterAll(async () => database?.drop());

let accounts = 0;

async function rawRecords(history: HistoryStore): Promise<string[]> {
  const sql = postgres(database.url, { max: 1 });
  try {
    const rows = await sql<{ delta_json: string }[]>`SELECT delta_json FROM lead_snapshots WHERE account = ${(history as PostgresHistory).account} ORDER BY day, fetched_at`;
    return rows.map((row) => row.delta_json);
  } finally {
    await sql.end();
  }
}

describe('PostgreSQL history snapshots (real server on loopback)', () => {
  snapshotStoreContract({
    async open() {
      const account = await historyAccountOf(`snapshot-token-${++accounts}`);
      return { history: await PostgresHistory.open(database.url, { account }), again: (options) => PostgresHistory.open(database.url, { account, ...options }) };
    },
    rawRecords,
  });

  it('keeps the chain whole when two replicas store snapshots of the same day at once', async () => {
    const account = await historyAccountOf('snapshot-replicas');
    const [one, two] = await Promise.all([PostgresHistory.open(database.url, { account }), PostgresHistory.open(database.url, { account })]);
    try {
      const start = Date.parse('2026-03-10T11:00:00Z');
      const answers = Array.from({ length: 24 }, (_, index) => ({
        fetchedAt: new Date(start + index * 60_000),
        totals: day('2026-03-10', [user('Ana', index), user('Bia', Math.floor(index / 3)), user('Caio', index % 5 === 0 ? index : 1)], { withError: index }),
      }));
      // Each replica stores its half, concurrently: an append that lost the race to a newer one is refused.
      await Promise.all([0, 1].map(async (replica) => {
        for (const answer of answers.filter((_, index) => index % 2 === replica)) await (replica === 0 ? one : two).appendSnapshot(answer.totals, answer.fetchedAt);
      }));
      const stored = await one.readSnapshots();
      expect(stored.length).toBeGreaterThan(1);
      for (const snapshot of stored) {
        const sent = answers.find((answer) => answer.fetchedAt.getTime() === snapshot.fetchedAt.getTime());
        expect(serializeLeadTotals(snapshot.totals)).toBe(serializeLeadTotals(sent!.totals));
      }
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  });

  it('upgrades a schema-1 database: its days stay, snapshots are added (snapshot_summary for BI)', async () => {
    const old = await createTestDatabase(inject('postgresUrl'));
    const sql = postgres(old.url, { max: 1, onnotice: () => undefined });
    try {
      await sql.unsafe(SCHEMA_TABLE);
      await sql.unsafe(MIGRATIONS[0]!);
      await sql`INSERT INTO zen_leads_schema (version) VALUES (1)`;
      await sql`INSERT INTO lead_days (account, day, users, total_leads, with_error, ungrouped, contact_limit_exceeded, duplicates, top_user_share, min_user_leads, max_user_leads, gini, fetched_at, final, totals_json)
        VALUES ('default', '2026-03-01', 1, 4, 0, 0, 0, 0, 1, 4, 4, 0, now(), true, ${serializeLeadTotals(day('2026-03-01', [user('Ana', 4)]))})`;
      const reader = await PostgresHistory.open(old.url, { readOnly: true });
      expect(await reader.readSnapshots()).toEqual([]);
      await reader.close();
      const history = await PostgresHistory.open(old.url);
      expect(await history.appendSnapshot(day('2026-03-02', [user('Ana', 1), user('Bia', 2)], { duplicates: 3 }), new Date('2026-03-02T12:00:00Z'))).toBe(true);
      expect((await history.read()).map((d) => d.date)).toEqual(['2026-03-01']);
      await history.close();
      expect(await sql`SELECT max(version)::integer AS version FROM zen_leads_schema`).toEqual([{ version: MIGRATIONS.length }]);
      expect(await sql`SELECT day::text AS day, total_leads, duplicates FROM snapshot_summary`).toEqual([{ day: '2026-03-02', total_leads: 3, duplicates: 3 }]);
    } finally {
      await sql.end();
      await old.drop();
    }
  });
});

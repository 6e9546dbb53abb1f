/**
 * The core's runtime smoke suite: the same cases run under `bun test` (bun.test.ts) and
 * `deno test` (deno.test.ts), against the built package (`dist`, what npm users get), with the
 * simulator in-process and served by the runtime's own HTTP server over a real socket.
 * Plain `node:assert`, which both runtimes ship.
 */
import assert from 'node:assert/strict';
import {
  createZenClient,
  isZenError,
  decodeLeadTotals,
  MemoryStore,
  RateLimitedError,
  saoPauloDateOf,
  summarize,
  todayInSaoPaulo,
  toBreakdownRows,
  toUserRows,
  yesterdayInSaoPaulo,
  ZenAuthError,
  ZenResponseError,
} from '../dist/index.js';
import { parseSaoPauloDateTime, sha256Hex } from '../dist/internal.js';
import { createSimulator, generateLeadTotalsPayload } from '@zen-leads/simulator';

/** Serves a fetch handler on 127.0.0.1 with the runtime's own server. */
export type ServeOnLoopback = (handler: (request: Request) => Promise<Response>) => Promise<{ url: string; close(): Promise<void> }>;

export interface SmokeCase {
  name: string;
  run(serve: ServeOnLoopback): Promise<void> | void;
}

const TOKEN = 'runtime-smoke-token-91c2';
const DAY = '2026-01-05';

export const smokeCases: SmokeCase[] = [
  {
    name: 'sha256Hex matches the standard test vector',
    run: async () => {
      assert.equal(await sha256Hex('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    },
  },
  {
    name: 'São Paulo calendar days do not depend on the machine time zone',
    run: () => {
      const lateEvening = Date.parse('2026-01-01T02:30:00Z'); // 23:30 on Dec 31 in São Paulo
      assert.equal(todayInSaoPaulo(lateEvening), '2025-12-31');
      assert.equal(yesterdayInSaoPaulo(lateEvening), '2025-12-30');
      assert.equal(saoPauloDateOf(new Date(lateEvening)), '2025-12-31');
      assert.equal(parseSaoPauloDateTime('2026-01-05 09:00:00')?.toISOString(), '2026-01-05T12:00:00.000Z');
    },
  },
  {
    name: 'the decoder turns a seeded wire payload into the model, and names the path of a broken field',
    run: () => {
      const wire = generateLeadTotalsPayload('smoke', DAY);
      const totals = decodeLeadTotals(wire);
      assert.equal(totals.date, DAY);
      assert.equal(totals.users.length, wire.usuarios.length);
      for (const user of totals.users) assert.equal(typeof user.totalLeads, 'number');
      const broken = structuredClone(wire) as { usuarios: { total_lead: unknown }[] };
      if (broken.usuarios[0]) {
        broken.usuarios[0].total_lead = 'muitos';
        assert.throws(() => decodeLeadTotals(broken), (error: unknown) => error instanceof ZenResponseError && error.path === 'usuarios[0].total_lead');
      }
    },
  },
  {
    name: 'views: user rows, breakdown rows and the summary agree with the totals',
    run: () => {
      const totals = decodeLeadTotals(generateLeadTotalsPayload('smoke', DAY));
      const users = toUserRows(totals);
      const summary = summarize(totals);
      assert.equal(users.length, totals.users.length);
      assert.equal(summary.totalLeads, users.reduce((sum, row) => sum + row.totalLeads, 0));
      const origins = toBreakdownRows(totals).filter((row) => row.dimension === 'origin');
      assert.equal(summary.originLeads, origins.reduce((sum, row) => sum + row.count, 0));
    },
  },
  {
    name: 'the client gets a day from the simulator in-process (injected fetch)',
    run: async () => {
      const sim = createSimulator({ tokens: [TOKEN] });
      const zen = createZenClient({ url: 'https://crm.invalid/api/totais-lead', token: TOKEN, fetch: sim.fetch });
      assert.deepEqual(await zen.getTotals(DAY), decodeLeadTotals(await sim.payloadFor(TOKEN, DAY)));
    },
  },
  {
    name: "the client gets a day over a real loopback socket from the runtime's own server, and it refuses a second request inside the token's window",
    run: async (serve) => {
      const sim = createSimulator({ tokens: [TOKEN] });
      const server = await serve(sim.handler);
      try {
        const zen = createZenClient({ url: server.url, token: TOKEN, onRateLimit: 'fail', store: new MemoryStore() });
        const result = await zen.getTotalsResult(DAY);
        assert.deepEqual(result.totals, decodeLeadTotals(await sim.payloadFor(TOKEN, DAY)));
        assert.equal(result.fromCache, false);
        await assert.rejects(zen.getTotals('2026-01-06'), (error: unknown) => error instanceof RateLimitedError && error.retryAfterMs > 0);
        assert.deepEqual(sim.log.map((entry) => entry.status), [200]);
      } finally {
        await server.close();
      }
    },
  },
  {
    name: 'a wrong token is a typed ZenAuthError whose message never holds the token',
    run: async (serve) => {
      const sim = createSimulator({ tokens: [TOKEN] });
      const server = await serve(sim.handler);
      const wrong = 'wrong-token-7d0e55';
      try {
        const zen = createZenClient({ url: server.url, token: wrong });
        await assert.rejects(zen.getTotals(DAY), (error: unknown) => {
          assert.ok(isZenError(error) && error instanceof ZenAuthError);
          assert.equal(error.reason, 'invalid');
          assert.ok(!JSON.stringify(error.toJSON()).includes(wrong) && !error.message.includes(wrong));
          return true;
        });
      } finally {
        await server.close();
      }
    },
  },
];

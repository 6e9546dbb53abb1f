/**
 * A 200 that carries another day's totals (a stale proxy cache, a server-side bug) must not pass
 * as the day that was asked for: it would be returned, and cached for 30 days, under the wrong date.
 *
 * Found by this suite: the core used to return such an answer, and cache it for 30 days, as the
 * day that was asked for.
 */
import { ZenResponseError, createZenClient } from '@zen-leads/core';
import { createSimulator, generateLeadTotalsPayload } from '@zen-leads/simulator';
import { serve } from '@zen-leads/simulator/node';
import { afterAll, expect, it } from 'vitest';

const TOKEN = 'zen-other-day-tok-6b1e';
const ASKED = '2025-06-15';
const SERVED = '2025-06-14';
const sim = createSimulator({ tokens: [TOKEN], windowMs: 0, dataFor: (token) => generateLeadTotalsPayload(token, SERVED) });
const served = await serve(sim);
afterAll(() => served.close());

it('a 200 for another day is a ZenResponseError at `data`, and is not cached', async () => {
  // No window of our own (and no margin on it), so the second call goes straight back to the
  // (windowless) simulator.
  const client = createZenClient({ url: served.url, token: TOKEN, retries: 0, minIntervalMs: 0, windowMarginMs: 0 });
  const error = await client.getTotals(ASKED).then(
    () => undefined,
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(ZenResponseError);
  expect((error as ZenResponseError).path).toBe('data');
  // Not cached: asking again goes back to the server.
  await client.getTotals(ASKED).catch(() => undefined);
  expect(sim.log).toHaveLength(2);
});

/**
 * Property-based fuzzing of the wire decoder: the one place the API's payload becomes the model,
 * the zod schema behind `decodeLeadTotals`. The client reaches it through a body's text
 * (`parseLeadTotalsBody`: JSON, then the schema, the status attached), so both doors are fuzzed
 * and must agree. Every run generates fresh payloads (fast-check prints the seed of any failure;
 * replay it with ZEN_FUZZ_SEED=<seed>):
 *
 * - valid payloads, in every form the spec and the PHP original allow, decode — directly and
 *   through the client's path — to exactly the model built alongside them, and that model
 *   round-trips through the row views;
 * - valid payloads broken in exactly one place raise `ZenResponseError` naming that place, on both;
 * - any value dropped anywhere: both accept with the same well-formed model, or both raise
 *   `ZenResponseError` with the same path;
 * - arbitrary JSON and JS values: a well-formed model or `ZenResponseError`, nothing else, ever.
 */
import {
  DIMENSIONS,
  DIMENSION_FIELDS,
  ZenResponseError,
  decodeLeadTotals,
  summarize,
  toBreakdownRows,
  toUserRows,
  type LeadTotals,
  type UserLeadTotals,
} from '@zen-leads/core';
import { parseLeadTotalsBody } from '@zen-leads/core/internal';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { anyValueAtAnyPath, leadTotalsPair, mutatedPayload } from './support/wire-payload-arbitraries.js';

const seed = process.env.ZEN_FUZZ_SEED === undefined ? undefined : Number(process.env.ZEN_FUZZ_SEED);
const RUNS = { valid: 4_000, mutated: 4_500, anyValueAtAnyPath: 1_500, arbitraryJson: 1_000 };
const fuzzed = { valid: 0, mutated: 0, anyValueAtAnyPath: 0, arbitraryJson: 0 };

afterAll(() => {
  const total = Object.values(fuzzed).reduce((sum, count) => sum + count, 0);
  // The figure the README quotes; printed on every run.
  console.log(`wire decoder: fuzzed ${total} payloads (${fuzzed.valid} valid, ${fuzzed.mutated} mutated in one place, ${fuzzed.anyValueAtAnyPath} with any value at any path, ${fuzzed.arbitraryJson} arbitrary JSON)`);
});

type Outcome = { totals: LeadTotals } | { thrown: unknown };

/** The schema decoder's verdict: the model, or what it threw. */
function attempt(payload: unknown): Outcome {
  try {
    return { totals: decodeLeadTotals(payload) };
  } catch (thrown) {
    return { thrown };
  }
}

/** The client's verdict on the same payload as a 200 body's text. */
async function attemptAsClient(payload: unknown): Promise<Outcome> {
  try {
    return { totals: parseLeadTotalsBody(JSON.stringify(payload), 200).totals };
  } catch (thrown) {
    return { thrown };
  }
}

/** Both verdicts agree: the same model, or ZenResponseErrors at the same path. */
function expectSameVerdict(schema: Outcome, client: Outcome): void {
  if ('totals' in schema) {
    expect(client).toEqual(schema);
    return;
  }
  expect(schema.thrown).toBeInstanceOf(ZenResponseError);
  expect('thrown' in client && client.thrown).toBeInstanceOf(ZenResponseError);
  expect((client as { thrown: ZenResponseError }).thrown.path).toBe((schema.thrown as ZenResponseError).path);
}

/** What every decoded model satisfies, whatever the payload was. */
/** True when JSON text cannot carry the value as is (undefined, NaN, ±Infinity, -0, class instances…). */
function containsNonJson(value: unknown): boolean {
  if (value === undefined || typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint') return true;
  if (typeof value === 'number') return !Number.isFinite(value) || Object.is(value, -0);
  if (value === null || typeof value !== 'object') return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  if (Array.isArray(value)) return value.some((item, index) => !(index in value) || containsNonJson(item));
  if (prototype !== Object.prototype && prototype !== null) return true;
  return Object.values(value).some(containsNonJson) || Object.getOwnPropertySymbols(value).length > 0;
}

/**
 * Checked by hand and asserted once per payload: an `expect` per entry costs more than the
 * decoding itself, and thousands of payloads run per test.
 */
function expectWellFormed(totals: LeadTotals): void {
  const isCount = (n: unknown): boolean => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
  const problems: string[] = [];
  if (!/^\d{4}-\d{2}-\d{2}$/.test(totals.date)) problems.push(`date ${totals.date}`);
  if (Object.keys(totals).sort().join() !== 'date,errors,users') problems.push(`keys ${Object.keys(totals).join()}`);
  if (!Object.values(totals.errors).every(isCount)) problems.push('error counts');
  for (const [u, user] of totals.users.entries()) {
    if (typeof user.name !== 'string' || !isCount(user.totalLeads)) problems.push(`user ${u}`);
    for (const dimension of DIMENSIONS) {
      for (const [e, entry] of user[DIMENSION_FIELDS[dimension]].entries()) {
        const shaped = Object.keys(entry).sort().join() === 'code,count,name' && typeof entry.code === 'string' && typeof entry.name === 'string' && isCount(entry.count);
        if (!shaped) problems.push(`user ${u} ${dimension} ${e}: ${JSON.stringify(entry)}`);
      }
    }
  }
  expect(problems).toEqual([]);
}

/**
 * The row views carry the whole model: the user rows and breakdown rows rebuild it (users in
 * order, entries per dimension in order), and the summary's sums agree with both.
 */
function expectRoundTripThroughViews(totals: LeadTotals): void {
  const userRows = toUserRows(totals);
  const breakdownRows = toBreakdownRows(totals);
  const summary = summarize(totals);

  // Rebuild: each breakdown row belongs to the next user (in order) that has entries left.
  expect([...userRows, ...breakdownRows].filter((row) => row.date !== totals.date)).toEqual([]);
  const rebuilt: UserLeadTotals[] = userRows.map((row) => ({ name: row.user, totalLeads: row.totalLeads, origins: [], segments: [], automations: [], productsAndServices: [] }));
  const remaining = totals.users.map((user) => DIMENSIONS.reduce((sum, dimension) => sum + user[DIMENSION_FIELDS[dimension]].length, 0));
  let owner = 0;
  const misowned: string[] = [];
  for (const row of breakdownRows) {
    while ((remaining[owner] ?? 0) === 0) owner++;
    if (row.user !== rebuilt[owner]?.name) misowned.push(`${row.user} ≠ ${rebuilt[owner]?.name}`);
    rebuilt[owner]?.[DIMENSION_FIELDS[row.dimension]].push({ code: row.code, name: row.name, count: row.count });
    remaining[owner] = (remaining[owner] ?? 0) - 1;
  }
  expect(misowned).toEqual([]);
  expect({ date: totals.date, users: rebuilt, errors: { ...totals.errors } }).toEqual(totals);

  const sumOf = (dimension: (typeof DIMENSIONS)[number]): number =>
    breakdownRows.filter((row) => row.dimension === dimension).reduce((sum, row) => sum + row.count, 0);
  const leads = userRows.map((row) => row.totalLeads);
  const total = leads.reduce((sum, n) => sum + n, 0);
  // Counts run to 15 digits, so a day's sum can pass 2^53, where no order of addition is exact:
  // there the summary must agree to floating-point precision; below it, exactly.
  const sums = { totalLeads: total, originLeads: sumOf('origin'), segmentLeads: sumOf('segment'), automationLeads: sumOf('automation'), productOrServiceLeads: sumOf('productOrService') };
  for (const [name, expected] of Object.entries(sums) as [keyof typeof sums, number][]) {
    if (Number.isSafeInteger(expected)) expect(summary[name], name).toBe(expected);
    else expect(Math.abs(summary[name] - expected), name).toBeLessThanOrEqual(expected * Number.EPSILON * (breakdownRows.length + userRows.length));
  }
  expect(summary).toMatchObject({
    date: totals.date,
    users: userRows.length,
    ...totals.errors,
    minUserLeads: leads.length ? Math.min(...leads) : 0,
    maxUserLeads: leads.length ? Math.max(...leads) : 0,
  });
  expect(summary.topUserShare).toBeCloseTo(total === 0 ? 0 : Math.max(...leads) / total, 9);
  expect(summary.gini).toBeGreaterThanOrEqual(-1e-12);
  expect(summary.gini).toBeLessThan(1);
  // Names may repeat; some user of that name holds the most leads.
  if (total > 0) expect(userRows.some((row) => row.user === summary.topUser && row.totalLeads === Math.max(...leads))).toBe(true);
}

describe('the wire decoder under fuzzing', () => {
  it(`valid payloads (${RUNS.valid}) decode to the expected model and round-trip through the row views`, () => {
    fc.assert(
      fc.property(leadTotalsPair, ({ wire, model }) => {
        fuzzed.valid++;
        // Through JSON text, as the client parses it: numbers, strings and `__proto__` keys as on the wire.
        const text = JSON.stringify(wire);
        const totals = decodeLeadTotals(JSON.parse(text));
        expect(totals).toEqual(model);
        expect(parseLeadTotalsBody(text, 200).totals).toEqual(model);
        expectWellFormed(totals);
        expectRoundTripThroughViews(totals);
      }),
      { numRuns: RUNS.valid, seed },
    );
  });

  it(`payloads broken in one place (${RUNS.mutated}) raise ZenResponseError naming that place`, async () => {
    await fc.assert(
      fc.asyncProperty(mutatedPayload, async ({ payload, path }) => {
        fuzzed.mutated++;
        const outcome = attempt(payload);
        expect(outcome).toHaveProperty('thrown');
        const thrown = (outcome as { thrown: unknown }).thrown;
        expect(thrown).toBeInstanceOf(ZenResponseError);
        expect((thrown as ZenResponseError).path).toBe(path);
        expect((thrown as ZenResponseError).message).toContain(path ?? 'the root');
        // The client's path, where the payload survives JSON (NaN and undefined do not).
        const text = JSON.stringify(payload);
        if (text !== undefined && JSON.stringify(JSON.parse(text)) === text && !containsNonJson(payload)) {
          expectSameVerdict(outcome, await attemptAsClient(payload));
        }
      }),
      { numRuns: RUNS.mutated, seed },
    );
  });

  it(`any value at any path (${RUNS.anyValueAtAnyPath}): a well-formed model or ZenResponseError, nothing else`, async () => {
    await fc.assert(
      fc.asyncProperty(anyValueAtAnyPath, async (payload) => {
        fuzzed.anyValueAtAnyPath++;
        const outcome = attempt(payload);
        if ('thrown' in outcome) expect(outcome.thrown).toBeInstanceOf(ZenResponseError);
        else expectWellFormed(outcome.totals);
        if (!containsNonJson(payload)) expectSameVerdict(outcome, await attemptAsClient(payload));
      }),
      { numRuns: RUNS.anyValueAtAnyPath, seed },
    );
  });

  it(`arbitrary JSON and JS values (${RUNS.arbitraryJson}): ZenResponseError, nothing else`, () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.anything(), fc.json().map((text) => JSON.parse(text) as unknown)), (payload) => {
        fuzzed.arbitraryJson++;
        const outcome = attempt(payload);
        if ('thrown' in outcome) expect(outcome.thrown).toBeInstanceOf(ZenResponseError);
        else expectWellFormed(outcome.totals);
      }),
      { numRuns: RUNS.arbitraryJson, seed },
    );
  });

  it('decoding never pollutes Object.prototype, whatever keys the payload carries', () => {
    const hostile = JSON.parse(
      '{"data":"2025-06-15","__proto__":{"polluted":1},"usuarios":[{"nome":"Ana","total_lead":"1","constructor":{"prototype":{"polluted":2}},"origem":[{"codigo":"1","nome":"Site","quantidade":"1","__proto__":{"polluted":3}}]}],"erros":{"__proto__":{"polluted":4}}}',
    ) as unknown;
    const totals = decodeLeadTotals(hostile);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(totals)).toBe(Object.prototype);
    expect(totals.users[0]?.origins[0]).toEqual({ code: '1', name: 'Site', count: 1 });
  });

  it(`fuzzed at least 10,000 payloads in this run`, () => {
    expect(Object.values(fuzzed).reduce((sum, count) => sum + count, 0)).toBeGreaterThanOrEqual(10_000);
  });
});

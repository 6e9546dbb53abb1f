import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '@zen-leads/core';
import { generateLeadTotalsPayload, type LeadTotalsWirePayload } from '@zen-leads/simulator';
import { mapWireByHand } from '@zen-leads/test-support/map-wire-by-hand';
import { DISTINCTIVE_TOKEN, serveSimulator, type ServedSimulator } from './support/served-simulator.js';

/** The first day on or before `from` whose payload has `predicate`, so each shape is covered for sure. */
function dayWhere(from: string, predicate: (wire: LeadTotalsWirePayload) => boolean): string {
  for (let day = from, tries = 0; tries < 400; day = addDays(day, -1), tries++) {
    if (predicate(generateLeadTotalsPayload(DISTINCTIVE_TOKEN, day))) return day;
  }
  throw new Error('no such day in the simulator data');
}

describe('zen-leads totals --format json', () => {
  let served: ServedSimulator;
  beforeAll(async () => {
    // No server window: each day here is a different request, and the CLI's own window is
    // shortened with --min-interval, so the test proves output, not waiting.
    served = await serveSimulator({ windowMs: 0 });
  });
  afterAll(() => served.close());

  it('prints the LeadTotals object for 2026-11-24 exactly (names, numbers as numbers, key order)', async () => {
    const run = await served.run(['totals', '2026-11-24', '--format', 'json', '--min-interval', '1ms']);
    expect(run.stderr).toBe('');
    expect(run.code, run.stderr).toBe(0);
    const expected = mapWireByHand(generateLeadTotalsPayload(DISTINCTIVE_TOKEN, '2026-11-24'));
    expect(JSON.parse(run.stdout)).toStrictEqual(expected);
    expect(run.stdout).toBe(`${JSON.stringify(expected, null, 2)}\n`);
    for (const user of expected.users) expect(typeof user.totalLeads).toBe('number');
  });

  it('prints empty `erros` ([] on the wire) as zeros', async () => {
    const day = dayWhere('2026-11-23', (wire) => Array.isArray(wire.erros) && wire.usuarios.length > 0);
    const run = await served.run(['totals', day, '--format', 'json', '--min-interval', '1ms']);
    expect(run.code, run.stderr).toBe(0);
    const printed = JSON.parse(run.stdout) as { errors: unknown };
    expect(printed.errors).toStrictEqual({ withError: 0, ungrouped: 0, contactLimitExceeded: 0, duplicates: 0 });
    expect(printed).toStrictEqual(mapWireByHand(generateLeadTotalsPayload(DISTINCTIVE_TOKEN, day)));
  });

  it('prints numeric `codigo` as strings and empty breakdowns as []', async () => {
    const day = dayWhere('2026-11-23', (wire) =>
      wire.usuarios.some((user) => user.origem.some((entry) => typeof entry.codigo === 'number')) &&
      wire.usuarios.some((user) => user.automacao.length === 0),
    );
    const run = await served.run(['totals', day, '--format', 'json', '--min-interval', '1ms']);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toStrictEqual(mapWireByHand(generateLeadTotalsPayload(DISTINCTIVE_TOKEN, day)));
    expect(run.stdout).toMatch(/"code": "\d+"/);
    expect(run.stdout).toContain('"automations": []');
  });
});

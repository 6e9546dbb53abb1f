import { checkInvariants, type Violation } from './invariants.js';
import { drawScenario, type Scenario } from './scenario.js';
import { runScenario, type SimulationResult } from './world.js';

/** One seed's verdict. */
export interface SeedVerdict {
  seed: number;
  violations: Violation[];
  result: SimulationResult;
}

/** Runs a seed (or a hand-written scenario) and checks every invariant. */
export async function runSeed(seedOrScenario: number | Scenario, options: { webCrypto?: boolean } = {}): Promise<SeedVerdict> {
  const scenario = typeof seedOrScenario === 'number' ? drawScenario(seedOrScenario) : seedOrScenario;
  const result = await runScenario(scenario, options);
  return { seed: scenario.seed, violations: checkInvariants(result), result };
}

/** The one line that replays a seed with its full trace. */
export function replayCommand(seed: number): string {
  return `SIM_SEED=${seed} npx -y pnpm@10.34.9 vitest run --project simulation`;
}

/** A failing seed as a reader needs it: each broken invariant, the replay line, the trace's tail. */
export function describeFailure(verdict: SeedVerdict, tail = 30): string {
  const lines = verdict.violations.slice(0, 8).map((v) => `  invariant ${v.invariant} broken: ${v.detail}`);
  const more = verdict.violations.length > 8 ? [`  … and ${verdict.violations.length - 8} more`] : [];
  return [
    `seed ${verdict.seed}: ${verdict.violations.length} violation(s)`,
    ...lines,
    ...more,
    `  replay: ${verdict.result.scenario.scripted === undefined ? replayCommand(verdict.seed) : `npx -y pnpm@10.34.9 vitest run --project simulation test/scenarios.test.ts -t "${verdict.result.scenario.scripted}"`}`,
    `  scenario: ${scenarioSummary(verdict.result.scenario)}`,
    '  trace tail:',
    ...verdict.result.trace.slice(-tail).map((line) => `    ${line}`),
  ].join('\n');
}

/** The faults a scenario drew, on one line. */
export function scenarioSummary(s: Scenario): string {
  const parts = [
    `${s.processes} process(es) × ${s.clientsPerProcess} client(s)`,
    `${s.calls.length} calls`,
    `timeout ${s.timeoutMs} ms`,
    `retries ${s.retries}`,
    `maxWait ${s.maxWaitMs} ms`,
  ];
  if (s.network.slowRate) parts.push(`slow ${s.network.slowRate}`);
  if (s.api.serverErrorRate) parts.push(`5xx ${s.api.serverErrorRate}`);
  if (s.network.resetRate) parts.push(`resets ${s.network.resetRate}`);
  if (Number.isFinite(s.api.revokedAt)) parts.push(`revoked at +${s.api.revokedAt - s.start}`);
  if (s.api.skewMs) parts.push(`skew ${s.api.skewMs} ms`);
  if (s.outside.length) parts.push(`${s.outside.length} outside request(s)`);
  if (s.storeOutages.length) parts.push(`store outage ${s.storeOutages.map(([a, b]) => `+${a - s.start}..+${b - s.start}`).join(',')}`);
  if (s.network.unreachable.length) parts.push(`unreachable ${s.network.unreachable.map(([a, b]) => `+${a - s.start}..+${b - s.start}`).join(',')}`);
  if (s.kills.length) parts.push(`kill ${s.kills.map((k) => `p${k.process}@+${k.at - s.start}${k.restartAt ? ` restart +${k.restartAt - s.start}` : ''}`).join(',')}`);
  if (s.sigterms.length) parts.push(`sigterm ${s.sigterms.map((t) => `p${t.process}@+${t.at - s.start}`).join(',')}`);
  return parts.join(', ');
}

import { checkGatewayInvariants, type GatewayViolation } from './gateway-invariants.js';
import { drawGatewayScenario, gatewayScenarioSummary, type GatewayScenario } from './gateway-scenario.js';
import { runGatewayScenario, type GatewayResult } from './gateway-world.js';

/** One gateway seed's verdict. */
export interface GatewayVerdict {
  seed: number;
  violations: GatewayViolation[];
  result: GatewayResult;
}

/** Runs a gateway seed (or a hand-written scenario) and checks every gateway invariant. */
export async function runGatewaySeed(seedOrScenario: number | GatewayScenario): Promise<GatewayVerdict> {
  const scenario = typeof seedOrScenario === 'number' ? drawGatewayScenario(seedOrScenario) : seedOrScenario;
  const result = await runGatewayScenario(scenario);
  return { seed: scenario.seed, violations: checkGatewayInvariants(result), result };
}

/** The one line that replays a gateway seed with its full trace. */
export function gatewayReplayCommand(seed: number): string {
  return `SIM_SEED=${seed} npx -y pnpm@10.34.9 vitest run --project simulation test/gateway-seeds.test.ts`;
}

/** A failing gateway seed: each broken invariant, the replay line, the scenario, the trace's tail. */
export function describeGatewayFailure(verdict: GatewayVerdict, tail = 30): string {
  const { scenario } = verdict.result;
  const lines = verdict.violations.slice(0, 8).map((v) => `  invariant ${v.invariant} broken: ${v.detail}`);
  const more = verdict.violations.length > 8 ? [`  … and ${verdict.violations.length - 8} more`] : [];
  const replay = scenario.scripted === undefined ? gatewayReplayCommand(verdict.seed) : `npx -y pnpm@10.34.9 vitest run --project simulation test/gateway-scenarios.test.ts -t "${scenario.scripted}"`;
  return [
    `gateway seed ${verdict.seed}: ${verdict.violations.length} violation(s)`,
    ...lines,
    ...more,
    `  replay: ${replay}`,
    `  scenario: ${gatewayScenarioSummary(scenario)}`,
    '  trace tail:',
    ...verdict.result.trace.slice(-tail).map((line) => `    ${line}`),
  ].join('\n');
}

/** A batch's failure message: seeds per broken invariant, then the first few in full. */
export function gatewayBatchReport(failures: GatewayVerdict[], total: number): string {
  const byInvariant = new Map<string, number[]>();
  for (const failure of failures) {
    for (const invariant of new Set(failure.violations.map((v) => v.invariant))) byInvariant.set(invariant, [...(byInvariant.get(invariant) ?? []), failure.seed]);
  }
  const counts = [...byInvariant].map(([invariant, seeds]) => `  invariant ${invariant}: ${seeds.length} seed(s), e.g. ${seeds.slice(0, 10).join(' ')}`);
  return [`${failures.length} of ${total} gateway seeds broke an invariant:`, ...counts, '', ...failures.slice(0, 3).map((f) => describeGatewayFailure(f))].join('\n');
}

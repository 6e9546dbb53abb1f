import { pinRuntime } from './deterministic-runtime.js';
import { Prng } from './prng.js';
import type { Scenario } from './scenario.js';
import type { Arrival } from './simulated-api.js';
import { SimWorld } from './sim-world.js';

/** One getTotals call and how it ended. */
export interface CallRecord {
  id: number;
  process: string;
  date: string;
  mode: 'wait' | 'fail';
  start: number;
  /** The latest it may end: maxWaitMs + timeouts × attempts + backoff and slack. */
  bound: number;
  end?: number;
  outcome?: string;
  /** When its process was killed or told to stop (then it must end by `stopBound`). */
  stoppedAt?: number;
  stopBound?: number;
}

/** What a seed left behind, for the invariants. */
export interface SimulationResult {
  scenario: Scenario;
  trace: string[];
  arrivals: Arrival[];
  calls: CallRecord[];
  /** Day → instants its answer was written to the cache. */
  cached: Map<string, number[]>;
  /** clock.sleep calls: owner (process/client) and instant. */
  sleeps: { owner: string; at: number }[];
  /** Failures that may have reached the API (timeout, reset, 5xx), per flight. */
  reachedFailures: Map<number, { process: string; date: string; count: number }>;
  /** Requests that left while the shared store was down (the client must fail closed). */
  sentDuringOutage: string[];
  unhandled: string[];
  /** False when virtual time ran out with timers still queued. */
  drained: boolean;
}

/** Runs one scenario against the real client and store; deterministic for a given scenario. */
export async function runScenario(scenario: Scenario, options: { webCrypto?: boolean } = {}): Promise<SimulationResult> {
  const worldRandom = new Prng(scenario.seed ^ 0x5eed);
  const runtime = pinRuntime(worldRandom.fork(), options);
  const unhandled: string[] = [];
  const onUnhandled = (reason: unknown): void => void unhandled.push(String(reason instanceof Error ? `${reason.name}: ${reason.message}` : reason));
  process.on('unhandledRejection', onUnhandled);
  try {
    const world = new SimWorld(scenario, worldRandom, () => runtime.inFlight() > 0);
    return await world.run(unhandled);
  } finally {
    process.off('unhandledRejection', onUnhandled);
    runtime.undo();
  }
}

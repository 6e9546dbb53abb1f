import { createZenClientBase, isZenError, ZenNetworkError, type ZenClient, type ZenTransport } from '@zen-leads/core';
import { pinRuntime } from './deterministic-runtime.js';
import { Prng } from './prng.js';
import type { Scenario, ScriptedCall } from './scenario.js';
import { SimulatedApi, type Arrival } from './simulated-api.js';
import { processStore, sharedStore, StoreOutageError } from './simulated-store.js';
import { simulatedTransport } from './simulated-transport.js';
import { VirtualClock } from './virtual-clock.js';

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

interface SimProcess {
  index: number;
  name: string;
  alive: boolean;
  terminating: boolean;
  clients: { client: ZenClient; mode: 'wait' | 'fail' }[];
  running: Map<CallRecord, AbortController>;
}

/** Virtual time a seed may use before the loop gives up (a hang shows up as pending calls). */
const HORIZON_MS = 12 * 3_600_000;

/** Runs one scenario against the real client and store; deterministic for a given scenario. */
export async function runScenario(scenario: Scenario, options: { webCrypto?: boolean } = {}): Promise<SimulationResult> {
  const worldRandom = new Prng(scenario.seed ^ 0x5eed);
  const runtime = pinRuntime(worldRandom.fork(), options);
  const unhandled: string[] = [];
  const onUnhandled = (reason: unknown): void => void unhandled.push(String(reason instanceof Error ? `${reason.name}: ${reason.message}` : reason));
  process.on('unhandledRejection', onUnhandled);
  try {
    return await simulate(scenario, worldRandom, unhandled, () => runtime.inFlight() > 0);
  } finally {
    process.off('unhandledRejection', onUnhandled);
    runtime.undo();
  }
}

async function simulate(scenario: Scenario, random: Prng, unhandled: string[], busy: () => boolean): Promise<SimulationResult> {
  const clock = new VirtualClock(scenario.start, busy);
  const trace: string[] = [];
  const log = (line: string): void => void trace.push(`+${clock.now() - scenario.start} ${line}`);
  const api = new SimulatedApi(clock, random.fork(), scenario.api);
  const cached = new Map<string, number[]>();
  const store = sharedStore({
    clock,
    outages: scenario.storeOutages,
    onCached: (date, at) => {
      cached.set(date, [...(cached.get(date) ?? []), at]);
      log(`cached ${date}`);
    },
  });
  const storeDown = (): boolean => scenario.storeOutages.some(([from, to]) => clock.now() >= from && clock.now() < to);
  const flights = new WeakMap<AbortSignal, number>();
  let flightCount = 0;
  const reachedFailures = new Map<number, { process: string; date: string; count: number }>();
  const sentDuringOutage: string[] = [];
  const network = {
    clock,
    api,
    random: random.fork(),
    faults: scenario.network,
    trace: log,
    flightOf: (signal: AbortSignal | undefined): number => {
      if (!signal) return 0;
      let id = flights.get(signal);
      if (id === undefined) flights.set(signal, (id = ++flightCount));
      return id;
    },
    onSend: (name: string, flight: number) => {
      if (storeDown()) sentDuringOutage.push(`${name} f${flight} at +${clock.now() - scenario.start}`);
    },
  };
  const counted = (transport: ZenTransport, name: string): ZenTransport => async (request) => {
    const flight = network.flightOf(request.signal);
    const date = new URL(request.url).searchParams.get('data') ?? '';
    const failed = (): void => {
      const entry = reachedFailures.get(flight) ?? { process: name, date, count: 0 };
      entry.count++;
      reachedFailures.set(flight, entry);
    };
    try {
      const response = await transport(request);
      if (response.status >= 500) failed();
      return response;
    } catch (error) {
      if (error instanceof ZenNetworkError && error.reason !== 'unreachable') failed();
      throw error;
    }
  };

  const processes: SimProcess[] = [];
  const generations = new Map<number, number>();
  const boot = (index: number): SimProcess => {
    const generation = (generations.get(index) ?? 0) + 1;
    generations.set(index, generation);
    const proc: SimProcess = { index, name: `p${index}.${generation}`, alive: true, terminating: false, clients: [], running: new Map() };
    const transport = counted(simulatedTransport(network, proc), proc.name);
    // Only the modes the scenario's calls use: building a client hashes the token twice.
    const modes = (['wait', 'fail'] as const).filter((mode) => scenario.calls.some((call) => call.process === index && call.mode === mode));
    for (let c = 0; c < scenario.clientsPerProcess; c++) {
      for (const mode of modes) {
        const client = createZenClientBase({
          url: 'https://crm.example/api/totais_lead',
          token: 'sim-token-0123456789',
          transport,
          clock: clock.clockFor(`${proc.name}/c${c}`),
          store: processStore(store, proc),
          minIntervalMs: 300_000,
          timeoutMs: scenario.timeoutMs,
          retries: scenario.retries,
          maxWaitMs: scenario.maxWaitMs,
          onRateLimit: mode,
          hooks: {
            onRequest: (event) => log(`${proc.name} ${event.date} attempt ${event.attempt}`),
            onRetry: (event) => log(`${proc.name} ${event.date} retry ${event.attempt} in ${event.delayMs} ms after ${event.error.code}`),
            onRateLimited: (event) => log(`${proc.name} ${event.date} rate-limited for ${event.cooldownMs} ms`),
          },
        });
        proc.clients.push({ client, mode });
      }
    }
    processes[index] = proc;
    log(`boot ${proc.name}`);
    return proc;
  };
  for (let i = 0; i < scenario.processes; i++) boot(i);

  const calls: CallRecord[] = [];
  const callRandom = random.fork();
  const startCall = (scripted: ScriptedCall): void => {
    const proc = processes[scripted.process];
    if (!proc || !proc.alive || proc.terminating) return;
    const choices = proc.clients.filter((entry) => entry.mode === scripted.mode);
    const { client } = callRandom.pick(choices);
    const now = clock.now();
    const attempts = scenario.retries + 1;
    const backoff = Array.from({ length: scenario.retries }, (_, k) => Math.min(30_000, 500 * 2 ** k) * 1.5).reduce((a, b) => a + b, 0);
    const record: CallRecord = { id: calls.length + 1, process: proc.name, date: scripted.date, mode: scripted.mode, start: now, bound: now + scenario.maxWaitMs + attempts * (scenario.timeoutMs + 1_000) + backoff + 5_000 };
    calls.push(record);
    const controller = new AbortController();
    proc.running.set(record, controller);
    log(`call ${record.id} ${proc.name} ${scripted.date} ${scripted.mode}`);
    client.getTotals(scripted.date, { signal: controller.signal }).then(
      () => finish(record, proc, 'answer'),
      (error: unknown) => finish(record, proc, outcomeOf(error, controller.signal)),
    );
  };
  const finish = (record: CallRecord, proc: SimProcess, outcome: string): void => {
    record.end = clock.now();
    record.outcome = outcome;
    proc.running.delete(record);
    log(`end ${record.id} ${outcome}`);
  };
  const stop = (proc: SimProcess, reason: Error, bound: number): void => {
    for (const [record, controller] of proc.running) {
      record.stoppedAt = clock.now();
      record.stopBound = bound;
      controller.abort(reason);
    }
  };

  for (const scripted of scenario.calls) clock.at(scripted.at, () => startCall(scripted));
  for (const at of scenario.outside) {
    clock.at(at, () => {
      const { arrival } = api.arrive('outside', '2026-11-24');
      log(`outside #${arrival.id} -> ${arrival.status}`);
    });
  }
  for (const kill of scenario.kills) {
    clock.at(kill.at, () => {
      const proc = processes[kill.process];
      if (!proc?.alive) return;
      log(`kill ${proc.name}`);
      stop(proc, new ProcessStopped('killed'), clock.now() + 1_000);
      proc.alive = false;
      clock.cancelOwnedBy(`${proc.name}/`);
    });
    if (kill.restartAt !== undefined) clock.at(kill.restartAt, () => void boot(kill.process));
  }
  for (const term of scenario.sigterms) {
    clock.at(term.at, () => {
      const proc = processes[term.process];
      if (!proc?.alive || proc.terminating) return;
      log(`sigterm ${proc.name} grace ${term.graceMs}`);
      proc.terminating = true;
      for (const record of proc.running.keys()) record.stopBound = clock.now() + term.graceMs + 1_000;
      clock.at(clock.now() + term.graceMs, () => stop(proc, new ProcessStopped('terminated'), clock.now() + 1_000));
    });
  }

  const drained = await clock.run(scenario.start + HORIZON_MS);
  log(`done drained=${drained}`);
  return { scenario, trace, arrivals: api.arrivals, calls, cached, sleeps: clock.sleeps, reachedFailures, sentDuringOutage, unhandled, drained };
}

/** The reason a killed or stopped process gives its calls' signals. */
export class ProcessStopped extends Error {
  override name = 'ProcessStopped';
}

function outcomeOf(error: unknown, signal: AbortSignal): string {
  if (signal.aborted && error === signal.reason) return 'aborted';
  if (isZenError(error)) return error.code;
  if (error instanceof StoreOutageError) return 'store-outage';
  return `untyped ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;
}

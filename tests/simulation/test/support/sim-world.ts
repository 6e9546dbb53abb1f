import { createZenClientBase, isZenError, ZenNetworkError, type ZenClient, type ZenTransport } from '@zen-leads/core';
import type { Prng } from './prng.js';
import type { Scenario, ScriptedCall } from './scenario.js';
import { SimulatedApi } from './simulated-api.js';
import { processStore, sharedStore, StoreOutageError } from './simulated-store.js';
import { simulatedTransport, type TransportWorld } from './simulated-transport.js';
import { VirtualClock } from './virtual-clock.js';
import type { CallRecord, SimulationResult } from './world.js';

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

/**
 * One seed's world: the virtual clock, the simulated API and network, the shared store, and the
 * processes with their real clients, driven by the scenario's script. The order in which it draws
 * from the seed's stream is part of every kept seed: keep it.
 */
export class SimWorld {
  readonly clock: VirtualClock;
  readonly #scenario: Scenario;
  readonly #trace: string[] = [];
  readonly #api: SimulatedApi;
  readonly #store: ReturnType<typeof sharedStore>;
  readonly #network: TransportWorld;
  readonly #cached = new Map<string, number[]>();
  readonly #flights = new WeakMap<AbortSignal, number>();
  #flightCount = 0;
  readonly #reachedFailures = new Map<number, { process: string; date: string; count: number }>();
  readonly #sentDuringOutage: string[] = [];
  readonly #processes: SimProcess[] = [];
  readonly #generations = new Map<number, number>();
  readonly #calls: CallRecord[] = [];
  readonly #callRandom: Prng;

  constructor(scenario: Scenario, random: Prng, busy: () => boolean) {
    this.#scenario = scenario;
    const clock = (this.clock = new VirtualClock(scenario.start, busy));
    this.#api = new SimulatedApi(clock, random.fork(), scenario.api);
    this.#store = sharedStore({
      clock,
      outages: scenario.storeOutages,
      onCached: (date, at) => {
        this.#cached.set(date, [...(this.#cached.get(date) ?? []), at]);
        this.log(`cached ${date}`);
      },
    });
    this.#network = {
      clock,
      api: this.#api,
      random: random.fork(),
      faults: scenario.network,
      trace: (line) => this.log(line),
      flightOf: (signal) => this.#flightOf(signal),
      onSend: (name, flight) => {
        const now = clock.now();
        if (scenario.storeOutages.some(([from, to]) => now >= from && now < to)) this.#sentDuringOutage.push(`${name} f${flight} at +${now - scenario.start}`);
      },
    };
    for (let i = 0; i < scenario.processes; i++) this.#boot(i);
    this.#callRandom = random.fork();
  }

  log(line: string): void {
    this.#trace.push(`+${this.clock.now() - this.#scenario.start} ${line}`);
  }

  /** Schedules the script, runs the clock until nothing is left, and hands over what happened. */
  async run(unhandled: string[]): Promise<SimulationResult> {
    const { clock } = this;
    const scenario = this.#scenario;
    for (const scripted of scenario.calls) clock.at(scripted.at, () => this.#startCall(scripted));
    for (const at of scenario.outside) {
      clock.at(at, () => {
        const { arrival } = this.#api.arrive('outside', '2026-11-24');
        this.log(`outside #${arrival.id} -> ${arrival.status}`);
      });
    }
    for (const kill of scenario.kills) {
      clock.at(kill.at, () => this.#kill(kill.process));
      if (kill.restartAt !== undefined) clock.at(kill.restartAt, () => void this.#boot(kill.process));
    }
    for (const term of scenario.sigterms) clock.at(term.at, () => this.#sigterm(term.process, term.graceMs));
    const drained = await clock.run(scenario.start + HORIZON_MS);
    this.log(`done drained=${drained}`);
    return {
      scenario,
      trace: this.#trace,
      arrivals: this.#api.arrivals,
      calls: this.#calls,
      cached: this.#cached,
      sleeps: clock.sleeps,
      reachedFailures: this.#reachedFailures,
      sentDuringOutage: this.#sentDuringOutage,
      unhandled,
      drained,
    };
  }

  /** The flight (one day's shared fetch) a request belongs to: its signal is the flight's own. */
  #flightOf(signal: AbortSignal | undefined): number {
    if (!signal) return 0;
    let id = this.#flights.get(signal);
    if (id === undefined) this.#flights.set(signal, (id = ++this.#flightCount));
    return id;
  }

  /** The transport, counting failures that may have reached the API (timeout, reset, 5xx) per flight. */
  #counted(transport: ZenTransport, name: string): ZenTransport {
    return async (request) => {
      const flight = this.#flightOf(request.signal);
      const date = new URL(request.url).searchParams.get('data') ?? '';
      const failed = (): void => {
        const entry = this.#reachedFailures.get(flight) ?? { process: name, date, count: 0 };
        entry.count++;
        this.#reachedFailures.set(flight, entry);
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
  }

  /** Starts (or restarts) process `index` with its clients, all on the shared store. */
  #boot(index: number): SimProcess {
    const scenario = this.#scenario;
    const generation = (this.#generations.get(index) ?? 0) + 1;
    this.#generations.set(index, generation);
    const proc: SimProcess = { index, name: `p${index}.${generation}`, alive: true, terminating: false, clients: [], running: new Map() };
    const transport = this.#counted(simulatedTransport(this.#network, proc), proc.name);
    const log = (line: string): void => this.log(`${proc.name} ${line}`);
    // Only the modes the scenario's calls use: building a client hashes the token twice.
    const modes = (['wait', 'fail'] as const).filter((mode) => scenario.calls.some((call) => call.process === index && call.mode === mode));
    for (let c = 0; c < scenario.clientsPerProcess; c++) {
      for (const mode of modes) {
        const client = createZenClientBase({
          url: 'https://crm.example/api/totais_lead',
          token: 'sim-token-0123456789',
          transport,
          clock: this.clock.clockFor(`${proc.name}/c${c}`),
          store: processStore(this.#store, proc),
          minIntervalMs: 300_000,
          timeoutMs: scenario.timeoutMs,
          retries: scenario.retries,
          maxWaitMs: scenario.maxWaitMs,
          onRateLimit: mode,
          hooks: {
            onRequest: (event) => log(`${event.date} attempt ${event.attempt}`),
            onRetry: (event) => log(`${event.date} retry ${event.attempt} in ${event.delayMs} ms after ${event.error.code}`),
            onRateLimited: (event) => log(`${event.date} rate-limited for ${event.cooldownMs} ms`),
          },
        });
        proc.clients.push({ client, mode });
      }
    }
    this.#processes[index] = proc;
    this.log(`boot ${proc.name}`);
    return proc;
  }

  #startCall(scripted: ScriptedCall): void {
    const scenario = this.#scenario;
    const proc = this.#processes[scripted.process];
    if (!proc || !proc.alive || proc.terminating) return;
    const { client } = this.#callRandom.pick(proc.clients.filter((entry) => entry.mode === scripted.mode));
    const now = this.clock.now();
    const attempts = scenario.retries + 1;
    const backoff = Array.from({ length: scenario.retries }, (_, k) => Math.min(30_000, 500 * 2 ** k) * 1.5).reduce((a, b) => a + b, 0);
    const bound = now + scenario.maxWaitMs + attempts * (scenario.timeoutMs + 1_000) + backoff + 5_000;
    const record: CallRecord = { id: this.#calls.length + 1, process: proc.name, date: scripted.date, mode: scripted.mode, start: now, bound };
    this.#calls.push(record);
    const controller = new AbortController();
    proc.running.set(record, controller);
    this.log(`call ${record.id} ${proc.name} ${scripted.date} ${scripted.mode}`);
    const finish = (outcome: string): void => {
      record.end = this.clock.now();
      record.outcome = outcome;
      proc.running.delete(record);
      this.log(`end ${record.id} ${outcome}`);
    };
    client.getTotals(scripted.date, { signal: controller.signal }).then(
      () => finish('answer'),
      (error: unknown) => finish(outcomeOf(error, controller.signal)),
    );
  }

  /** Aborts every call of a process; each must end by `bound`. */
  #stop(proc: SimProcess, reason: Error, bound: number): void {
    for (const [record, controller] of proc.running) {
      record.stoppedAt = this.clock.now();
      record.stopBound = bound;
      controller.abort(reason);
    }
  }

  /** A kill: calls aborted, and the process's timers, store operations and network die with it. */
  #kill(index: number): void {
    const proc = this.#processes[index];
    if (!proc?.alive) return;
    this.log(`kill ${proc.name}`);
    this.#stop(proc, new ProcessStopped('killed'), this.clock.now() + 1_000);
    proc.alive = false;
    this.clock.cancelOwnedBy(`${proc.name}/`);
  }

  /** SIGTERM: nothing new starts; running calls are aborted after the grace period. */
  #sigterm(index: number, graceMs: number): void {
    const proc = this.#processes[index];
    if (!proc?.alive || proc.terminating) return;
    this.log(`sigterm ${proc.name} grace ${graceMs}`);
    proc.terminating = true;
    for (const record of proc.running.keys()) record.stopBound = this.clock.now() + graceMs + 1_000;
    this.clock.at(this.clock.now() + graceMs, () => this.#stop(proc, new ProcessStopped('terminated'), this.clock.now() + 1_000));
  }
}

/** The reason a killed or stopped process gives its calls' signals. */
export class ProcessStopped extends Error {
  override name = 'ProcessStopped';
}

/** How a call ended, as the invariants read it. */
export function outcomeOf(error: unknown, signal: AbortSignal): string {
  if (signal.aborted && error === signal.reason) return 'aborted';
  if (isZenError(error)) return error.code;
  if (error instanceof StoreOutageError) return 'store-outage';
  return `untyped ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;
}

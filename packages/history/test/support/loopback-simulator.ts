import { createZenClient, type ZenClient, type ZenClientOptions } from '@zen-leads/core';
import { createSimulator, type Simulator, type SimulatorOptions } from '@zen-leads/simulator';
import { serve, type SimulatorServer } from '@zen-leads/simulator/node';

export const TOKEN = 'demo-token';

/** A simulator served over real HTTP on 127.0.0.1, with a short window so tests stay quick. */
export interface LoopbackSimulator {
  sim: Simulator;
  server: SimulatorServer;
  url: string;
  /** Dates of the requests answered 200, in order. */
  fetchedDates(): string[];
  close(): Promise<void>;
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<LoopbackSimulator> {
  const sim = createSimulator({ windowMs: 150, ...options });
  const server = await serve(sim, { hostname: '127.0.0.1', port: 0 });
  return {
    sim,
    server,
    url: server.url,
    fetchedDates: () => sim.log.filter((entry) => entry.status === 200).map((entry) => entry.date ?? ''),
    close: () => server.close(),
  };
}

/** A real client (ofetch over loopback) whose window is a little longer than the simulator's. */
export function clientFor(simulator: LoopbackSimulator, options: Partial<ZenClientOptions> = {}): ZenClient {
  return createZenClient({ url: simulator.url, token: TOKEN, minIntervalMs: 200, retries: 0, cache: false, ...options });
}

import { createSimulator, type Simulator, type SimulatorOptions } from '@zen-leads/simulator';
import { serve } from '@zen-leads/simulator/node';
import { afterAll } from 'vitest';

/** A simulator served over a real loopback socket, closed after the test file. */
export async function loopbackSimulator(options: SimulatorOptions = {}): Promise<{ sim: Simulator; url: string }> {
  const sim = createSimulator(options);
  const server = await serve(sim, { port: 0, hostname: '127.0.0.1' });
  afterAll(() => server.close());
  return { sim, url: server.url };
}

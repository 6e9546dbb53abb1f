import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSimulator, type Simulator, type SimulatorOptions } from '@zen-leads/simulator';
import { serve, type SimulatorServer } from '@zen-leads/simulator/node';
import { runCli, type CliRun, type RunOptions } from './run-cli.js';

/** A token no real account has and no message could contain by chance. */
export const DISTINCTIVE_TOKEN = 'zen-test-token-7Qx9-Vb2K-ZZtop-4481';

export interface ServedSimulator {
  simulator: Simulator;
  server: SimulatorServer;
  /** A fresh cache dir for this test's runs. */
  cacheDir: string;
  /** The env a run gets: the simulator's URL, the token, the cache dir. */
  env: Record<string, string>;
  /** Runs the bin with `env` plus `extraEnv`. */
  run(args: readonly string[], extraEnv?: Record<string, string | undefined>, options?: RunOptions): Promise<CliRun>;
  /** Every file in the cache dir, name and content. */
  cacheFiles(): Promise<{ name: string; content: string }[]>;
  close(): Promise<void>;
}

/**
 * The simulator served over a real loopback socket, accepting `DISTINCTIVE_TOKEN`, plus an
 * empty cache dir: each test starts with no window state and no cached day.
 */
export async function serveSimulator(
  options: SimulatorOptions = {},
  handler?: (simulator: Simulator) => (request: Request) => Promise<Response>,
  hostname?: string,
): Promise<ServedSimulator> {
  const simulator = createSimulator({ tokens: [DISTINCTIVE_TOKEN], ...options });
  const server = await serve({ handler: handler ? handler(simulator) : simulator.handler }, hostname ? { hostname } : {});
  const cacheDir = await mkdtemp(join(tmpdir(), 'zen-cli-test-'));
  const env = { ZEN_URL: server.url, ZEN_TOKEN: DISTINCTIVE_TOKEN, ZEN_CACHE_DIR: cacheDir };
  return {
    simulator,
    server,
    cacheDir,
    env,
    run: (args, extraEnv = {}, options = {}) => runCli(args, { ...env, ...extraEnv }, options),
    async cacheFiles() {
      const names = await readdir(cacheDir).catch(() => [] as string[]);
      return Promise.all(names.map(async (name) => ({ name, content: await readFile(join(cacheDir, name), 'utf8') })));
    },
    async close() {
      await server.close();
      await rm(cacheDir, { recursive: true, force: true });
    },
  };
}

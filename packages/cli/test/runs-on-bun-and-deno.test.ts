import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { generateLeadTotalsPayload } from '@zen-leads/simulator';
import { mapWireByHand } from '@zen-leads/test-support/map-wire-by-hand';
import { bunBinary, denoBinary } from '@zen-leads/test-support/runtimes';
import { BIN, type CliRun } from './support/run-cli.js';
import { DISTINCTIVE_TOKEN, serveSimulator, type ServedSimulator } from './support/served-simulator.js';

function runWith(command: string[], env: Record<string, string>): Promise<CliRun> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const [file, ...args] = command as [string, ...string[]];
    const child = spawn(file, args, { env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, elapsedMs: Date.now() - started }));
  });
}

describe.each([
  // The runtimes come from the tools cache the test command fills; without it this fails saying how to get them.
  ['Bun', (args: string[]) => [bunBinary(), BIN, ...args]],
  // Deno needs read/write for the cache dir, env for ZEN_*, net for the API: nothing else.
  ['Deno', (args: string[]) => [denoBinary(), 'run', '--allow-read', '--allow-write', '--allow-env', '--allow-net', BIN, ...args]],
])('the built bin under %s', (_runtime, command) => {
  let served: ServedSimulator | undefined;
  afterEach(async () => {
    await served?.close();
    served = undefined;
  });

  it('prints the LeadTotals object over HTTP and caches the day on disk', async () => {
    served = await serveSimulator();
    const args = ['totals', '2026-11-24', '--format', 'json'];
    const first = await runWith(command(args), served.env);
    expect(first.stderr).toBe('');
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toStrictEqual(mapWireByHand(generateLeadTotalsPayload(DISTINCTIVE_TOKEN, '2026-11-24')));
    const second = await runWith(command(args), served.env);
    expect(second.stdout).toBe(first.stdout);
    expect(served.simulator.log).toHaveLength(1);
  }, 60_000);

  it('maps a 401 to exit 3 and bad input to exit 2 without a request', async () => {
    served = await serveSimulator({ tokens: ['another-token'] });
    const refused = await runWith(command(['totals', '2026-11-24']), served.env);
    expect(refused.code, refused.stderr).toBe(3);
    expect(refused.stderr).toContain('Token inválido');
    const bad = await runWith(command(['totals', '2026-02-30']), served.env);
    expect(bad.code, bad.stderr).toBe(2);
    expect(served.simulator.log).toHaveLength(1);
  }, 60_000);
});

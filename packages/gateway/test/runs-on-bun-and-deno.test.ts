import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { bunBinary, denoBinary } from '@zen-leads/test-support/runtimes';
import { describe, expect, it } from 'vitest';
import { daysAgo } from './support/gateway-world.js';

const fixture = fileURLToPath(new URL('./fixtures/serve-on-runtime.mjs', import.meta.url));
const packageDir = fileURLToPath(new URL('..', import.meta.url));

function run(command: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const [file, ...args] = command as [string, ...string[]];
    const child = spawn(file, args, { cwd: packageDir, env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1', DENO_NO_UPDATE_CHECK: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

// The runtimes come from the tools cache the test command fills (tests/support runtimes).
describe.each([
  ['Bun', (): string[] => [bunBinary(), fixture]],
  // Deno: loopback network, reading the modules and env; nothing else.
  ['Deno', (): string[] => [denoBinary(), 'run', '--allow-net=127.0.0.1', '--allow-read', '--allow-env', fixture]],
])('the gateway served by %s’s own HTTP server', (_runtime, command) => {
  it('answers the API, CSV, a bad key, the dashboard and /healthz like on Node', async () => {
    const day = daysAgo(3);
    const result = await run([...command(), day]);
    expect(result.code, result.stderr).toBe(0);
    const answers = JSON.parse(result.stdout.trim().split('\n').at(-1) ?? '{}') as Record<string, { status: number; text: string }> & { upstreamRequests: number };
    expect(answers.api).toEqual({ status: 200, text: expect.stringContaining(`{"data":"${day}"`) });
    expect(answers.csv).toEqual({ status: 200, text: expect.stringMatching(/^date,user,totalLeads\r\n/) });
    expect(answers.badKey).toEqual({ status: 401, text: '{"error":"Token inválido"}' });
    expect(answers.dashboard?.status).toBe(200);
    expect(answers.dashboard?.text).toContain('<!DOCTYPE html>');
    expect(answers.healthz?.status).toBe(200);
    expect(answers.upstreamRequests).toBe(1);
  }, 90_000);
});

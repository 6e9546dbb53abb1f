import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN } from './support/run-cli.js';
import { serveSimulator, type ServedSimulator } from './support/served-simulator.js';

let served: ServedSimulator;
beforeAll(async () => {
  served = await serveSimulator({ windowMs: 0 });
});
afterAll(async () => {
  await served.close();
});

/** Runs the bin with stdout on the given file descriptor, or on a pipe this side closes at once. */
function runWithStdout(args: string[], stdout: number | 'closed-pipe', env: Record<string, string> = {}): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...served.env, ...env },
      stdio: ['ignore', stdout === 'closed-pipe' ? 'pipe' : stdout, 'pipe'],
    });
    // The reader goes away before the answer arrives, as `| head -0` would.
    if (stdout === 'closed-pipe') child.stdout?.destroy();
    let stderr = '';
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(killer);
      resolve({ code, stderr });
    });
  });
}

describe('writing the output fails', () => {
  it.skipIf(!existsSync('/dev/full'))('stdout on a full device (> /dev/full): exit 7, the problem named, no stack trace', async () => {
    const full = await open('/dev/full', 'w');
    try {
      const run = await runWithStdout(['totals', '2025-03-01', '--format', 'json'], full.fd);
      expect(run.code, run.stderr).toBe(7);
      expect(run.stderr).toBe('zen-leads: could not write the output: no space left on the device (ENOSPC).\nFree some space where the output goes, or redirect it elsewhere.\n');
      // In the locale's language too: the bin words it after main has returned.
      const pt = await runWithStdout(['totals', '2025-03-01', '--format', 'json'], full.fd, { LANG: 'pt_BR.UTF-8' });
      expect([pt.code, pt.stderr]).toEqual([7, 'zen-leads: não foi possível gravar a saída: sem espaço no dispositivo (ENOSPC).\nLibere espaço onde a saída é gravada, ou redirecione-a para outro lugar.\n']);
    } finally {
      await full.close();
    }
  });

  it('a reader that closed the pipe early (| head): a quiet exit 0, as Unix tools do', async () => {
    const run = await runWithStdout(['totals', '2025-03-01', '--format', 'json'], 'closed-pipe');
    expect(run).toEqual({ code: 0, stderr: '' });
  });
});

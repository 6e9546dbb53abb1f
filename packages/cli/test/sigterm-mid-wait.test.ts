import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN } from './support/run-cli.js';
import { serveSimulator, type ServedSimulator } from './support/served-simulator.js';

/**
 * SIGTERM (a service manager, a cron's timeout) while `zen-leads totals` waits for the window:
 * the run ends at once with 143 and gives its queue ticket back, so the next run is first in line
 * (issue 18: "a SIGTERM mid-wait … may not spin or hang"). On the main of 2026-12-02 SIGTERM
 * killed the process with no exit code of ours and its ticket held the line for its lease.
 */
describe('zen-leads totals and SIGTERM', () => {
  let served: ServedSimulator | undefined;
  afterEach(async () => {
    await served?.close();
    served = undefined;
  });

  it('mid-wait: exits 143 within a second, says so, and leaves no ticket ahead of the next run', async () => {
    served = await serveSimulator({ windowMs: 60_000 });
    const first = await served.run(['totals', '2026-11-20', '--min-interval', '1m']);
    expect(first.code, first.stderr).toBe(0);

    const child = spawn(process.execPath, [BIN, 'totals', '2026-11-19', '--min-interval', '1m'], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...served.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const closed = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    // Waiting: the countdown line says so (off a terminal, a plain line).
    await expect.poll(() => stderr, { timeout: 15_000 }).toMatch(/wait/i);
    const signalledAt = Date.now();
    child.kill('SIGTERM');
    const code = await closed;
    expect(code, stderr).toBe(143);
    expect(Date.now() - signalledAt).toBeLessThan(1_500);
    expect(stderr).toContain('zen-leads: interrupted; nothing was printed.');

    // The next run is first in line: in fail mode it names the window, not a place behind a ghost.
    const next = await served.run(['totals', '2026-11-18', '--min-interval', '1m', '--on-rate-limit', 'fail']);
    expect(next.code, next.stderr).toBe(4);
    expect(next.stderr).not.toMatch(/\d+(st|nd|rd|th) in line/);
    expect(served.simulator.log.map((entry) => entry.date)).toEqual(['2026-11-20']);
  });
});

import { rm } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { serveSimulator, type ServedSimulator } from './support/served-simulator.js';

/** Each of the simulator's fault modes through the real bin: exit code and message. */
describe('zen-leads totals under each simulator fault', () => {
  let served: ServedSimulator | undefined;
  afterEach(async () => {
    await served?.close();
    served = undefined;
  });

  // A short window (the API's 5 minutes scaled down): a 5xx or a timeout may have been counted,
  // so each retry waits for the next window.
  const SHORT_WINDOW = ['--min-interval', '300ms'];

  it('server-error: exits 5 after the retries, one per window', async () => {
    served = await serveSimulator({ fault: 'server-error', windowMs: 300 });
    const run = await served.run(['totals', '2026-11-24', ...SHORT_WINDOW]);
    expect(run.code, run.stderr).toBe(5);
    expect(run.stderr).toMatch(/the API failed \(HTTP 500: "Ocorreu um erro interno[^)]*\), in 3 attempts \(one per window/);
    expect(run.stderr).toContain('the API answered HTTP 500; the API may have counted it, so the retry waits for the next window');
    expect(served.simulator.log).toHaveLength(3);
    expect(served.simulator.log.map((entry) => entry.status)).not.toContain(429);
  });

  it('slow: a --timeout shorter than the delay exits 5 after one attempt per window, and says to raise --timeout', async () => {
    served = await serveSimulator({ fault: { kind: 'slow', delayMs: 3_000 }, windowMs: 300 });
    const run = await served.run(['totals', '2026-11-24', '--timeout', '300ms', ...SHORT_WINDOW]);
    expect(run.code, run.stderr).toBe(5);
    expect(run.stderr).toContain('took longer than the 300ms timeout, in 3 attempts (one per window');
    expect(run.stderr).toContain('raise --timeout');
    expect(run.stderr).toContain('the request timed out; the API may have counted it, so the retry waits for the next window');
    await expect.poll(() => served!.simulator.log.length).toBe(3);
  });

  it('slow: a --timeout longer than the delay waits for the answer and exits 0', async () => {
    served = await serveSimulator({ fault: { kind: 'slow', delayMs: 400 } });
    const run = await served.run(['totals', '2026-11-24', '--timeout', '5s']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.elapsedMs).toBeGreaterThanOrEqual(400);
  });

  it('html-502: exits 5 and shows the start of the HTML page', async () => {
    served = await serveSimulator({ fault: 'html-502', windowMs: 300 });
    const run = await served.run(['totals', '2026-11-24', ...SHORT_WINDOW]);
    expect(run.code, run.stderr).toBe(5);
    expect(run.stderr).toContain('502');
    expect(run.stderr).toContain('Bad Gateway');
    expect(run.stderr).toContain('proxy or gateway');
  });

  it('truncated-json: exits 6 (the body is not the documented totals)', async () => {
    served = await serveSimulator({ fault: 'truncated-json' });
    const run = await served.run(['totals', '2026-11-24']);
    expect(run.code, run.stderr).toBe(6);
    expect(run.stderr).toContain('the lead-totals integration URL');
    expect(run.stdout).toBe('');
  });

  it('drop-connection: exits 5 after the retries, one per window, and says to check the URL and network', async () => {
    served = await serveSimulator({ fault: 'drop-connection', windowMs: 300 });
    const run = await served.run(['totals', '2026-11-24', ...SHORT_WINDOW]);
    expect(run.code, run.stderr).toBe(5);
    expect(run.stderr).toContain(`the connection to the API at ${new URL(served.server.url).origin} failed, in 3 attempts`);
    expect(run.stderr).toContain('the connection failed; the API may have counted it, so the retry waits for the next window');
    expect(served.simulator.log).toHaveLength(3);
  });

  it('rate-limited: exits 4 in fail mode, naming when the window frees', async () => {
    served = await serveSimulator({ fault: 'rate-limited' });
    const run = await served.run(['totals', '2026-11-24', '--on-rate-limit', 'fail']);
    expect(run.code, run.stderr).toBe(4);
    expect(run.stderr).toMatch(/frees at .* São Paulo time, in \d+m/);
  });

  it('nothing listening: exits 5 (connection refused)', async () => {
    const stopped = await serveSimulator();
    await stopped.server.close();
    try {
      const run = await stopped.run(['totals', '2026-11-24']);
      expect(run.code, run.stderr).toBe(5);
      expect(run.stderr).toContain('ECONNREFUSED');
      expect(run.stderr).toContain('the API could not be reached; retrying');
      expect(run.stderr).toContain(`Nothing was sent to ${new URL(stopped.server.url).origin}, so no request window was spent.`);
      expect(run.stderr.match(/could not reach the API/gi)).toHaveLength(1);
    } finally {
      await rm(stopped.cacheDir, { recursive: true, force: true });
    }
  });
});

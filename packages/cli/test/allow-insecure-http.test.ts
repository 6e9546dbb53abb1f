import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from './support/run-cli.js';
import { serveInProcess } from './support/served-gateway.js';
import { DISTINCTIVE_TOKEN, serveSimulator, type ServedSimulator } from './support/served-simulator.js';

let served: ServedSimulator | undefined;
afterEach(async () => {
  await served?.close();
  served = undefined;
});

const REMOTE_HTTP = 'http://crm-zen.invalid/api/totais-lead';
const env = { ZEN_URL: REMOTE_HTTP, ZEN_TOKEN: DISTINCTIVE_TOKEN, ZEN_STORE: 'memory:' };

/** Plain http: to loopback needs nothing; to anywhere else, the documented --allow-insecure-http. */
describe('--allow-insecure-http', () => {
  it('is documented in every API command\'s help, with the risk stated', async () => {
    for (const command of ['totals', 'backfill', 'serve']) {
      const run = await runCli([command, '--help']);
      expect(run.stdout).toContain('--allow-insecure-http');
      expect(run.stdout).toMatch(/token then crosses the network unencrypted,\s+and\s+anyone on the way can read it/);
    }
  });

  it('lets a plain-http URL to another host through the local checks, with a warning (here it then fails to resolve: exit 5)', async () => {
    const run = await runCli(['totals', '2025-03-01', '--allow-insecure-http'], env, { killAfterMs: 30_000 });
    expect(run.code, run.stderr).toBe(5);
    expect(run.stderr).toContain('zen-leads: warning: --allow-insecure-http: unless the URL names this machine, the token crosses the network unencrypted');
    expect(run.stderr).toContain('Nothing was sent to http://crm-zen.invalid, so no request window was spent.');
    expect(run.stderr.match(/could not reach the API/gi)).toHaveLength(1);
  });

  it('without it, a plain-http URL to another host is refused before anything is sent (exit 2)', async () => {
    const run = await runCli(['totals', '2025-03-01'], env);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain('Nothing was sent.');
  });

  it('without it, the refusal names the flag and the risk', async () => {
    const run = await runCli(['totals', '2025-03-01'], env);
    expect(run.stderr).toMatch(/uses plain http: the token would travel unencrypted\. Use the https:\/\/ URL\. Pass --allow-insecure-http only for a test server you trust: anyone on the way can read the token/);
    expect(run.stderr.match(/unencrypted/g)).toHaveLength(1);
  });

  it('is taken by serve, whose refusal of a plain-http upstream names it: the gateway then starts, with the warning', async () => {
    const refused = await runCli(['serve', '--port', '0'], { ...env, ZEN_GATEWAY_KEYS: 'insecure-test-client-key' });
    expect(refused.code, refused.stderr).toBe(2);
    expect(refused.stderr).toContain('--allow-insecure-http');
    const gateway = await serveInProcess(['--allow-insecure-http'], { ...env, ZEN_GATEWAY_KEYS: 'insecure-test-client-key' });
    expect(await gateway.stop()).toBe(0);
    expect(gateway.stderr()).toContain('zen-leads: warning: --allow-insecure-http');
  });

  it('is not needed for any loopback address: http://127.0.0.2 is this machine', async () => {
    served = await serveSimulator({ windowMs: 0 }, undefined, '127.0.0.2');
    expect(served.server.url).toMatch(/^http:\/\/127\.0\.0\.2:/);
    const run = await served.run(['totals', '2025-03-01', '--format', 'json']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toBe('');
  });
});

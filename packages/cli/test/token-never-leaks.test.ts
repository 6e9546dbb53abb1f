import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimulatorOptions } from '@zen-leads/simulator';
import type { CliRun } from './support/run-cli.js';
import { DISTINCTIVE_TOKEN, serveSimulator, type ServedSimulator } from './support/served-simulator.js';

/**
 * A distinctive token through success, every failure class and bad input: it must never appear
 * in stdout, stderr or any file of the cache dir (window state and cached responses).
 */
describe('the token never leaks', () => {
  const runs: { scenario: string; run: CliRun }[] = [];
  const cacheContents: string[] = [];
  const servers: ServedSimulator[] = [];

  async function scenario(
    name: string,
    options: SimulatorOptions,
    args: string[],
    env: Record<string, string | undefined> = {},
  ): Promise<CliRun> {
    const served = await serveSimulator(options);
    servers.push(served);
    const run = await served.run(args, typeof env.ZEN_URL === 'string' ? { ...env, ZEN_URL: env.ZEN_URL.replace('{url}', served.server.url) } : env);
    runs.push({ scenario: name, run });
    for (const file of await served.cacheFiles()) cacheContents.push(`${file.name}\n${file.content}`);
    return run;
  }

  beforeAll(async () => {
    const day = ['totals', '2026-11-24'];
    // Thunks run three at a time: quick, without a burst of twelve processes on a shared machine.
    const scenarios: (() => Promise<CliRun>)[] = [
      () => scenario('200 as json', {}, [...day, '--format', 'json']),
      () => scenario('200 as csv breakdown', {}, [...day, '--format', 'csv', '--view', 'breakdown']),
      () => scenario('token on the command line', {}, [...day, '--token', DISTINCTIVE_TOKEN], { ZEN_TOKEN: undefined }),
      () => scenario('401 invalid token', { tokens: ['another-token'] }, day),
      () => scenario('429', { fault: 'rate-limited' }, [...day, '--on-rate-limit', 'fail']),
      // Failures that may have reached the API retry in the next window: a short one keeps these quick.
      () => scenario('500', { fault: 'server-error', windowMs: 300 }, [...day, '--min-interval', '300ms']),
      () => scenario('html 502', { fault: 'html-502', windowMs: 300 }, [...day, '--min-interval', '300ms']),
      () => scenario('truncated json', { fault: 'truncated-json' }, day),
      () => scenario('dropped connection', { fault: 'drop-connection', windowMs: 300 }, [...day, '--min-interval', '300ms']),
      () => scenario('token inside the URL', {}, day, { ZEN_URL: `{url}?token=${DISTINCTIVE_TOKEN}` }),
      () => scenario('URL that is not a URL, holding the token', {}, day, { ZEN_URL: `crm zen ${DISTINCTIVE_TOKEN}` }),
      () => scenario('token with surrounding text', {}, day, { ZEN_TOKEN: `${DISTINCTIVE_TOKEN} extra` }),
    ];
    for (let index = 0; index < scenarios.length; index += 3) {
      await Promise.all(scenarios.slice(index, index + 3).map((start) => start()));
    }
  }, 60_000);

  afterAll(async () => {
    await Promise.all(servers.map((served) => served.close()));
  });

  it('ran every scenario through the bin (success and failures alike)', () => {
    expect(runs).toHaveLength(12);
    expect(new Set(runs.map(({ run }) => run.code))).toEqual(new Set([0, 2, 3, 4, 5, 6]));
    expect(cacheContents.some((content) => content.includes('"value"'))).toBe(true);
  });

  it('appears in no stdout or stderr', () => {
    for (const { scenario: name, run } of runs) {
      expect({ name, stdout: run.stdout.includes(DISTINCTIVE_TOKEN) }).toEqual({ name, stdout: false });
      expect({ name, stderr: run.stderr.includes(DISTINCTIVE_TOKEN) }).toEqual({ name, stderr: false });
    }
  });

  it('appears in no file of the cache dir', () => {
    expect(cacheContents.length).toBeGreaterThan(0);
    for (const content of cacheContents) expect(content).not.toContain(DISTINCTIVE_TOKEN);
  });

  it('warns that a token on the command line lands in shell history', () => {
    const flagged = runs.find(({ scenario: name }) => name === 'token on the command line');
    expect(flagged?.run.code).toBe(0);
    expect(flagged?.run.stderr).toMatch(/--token lands in your shell history.*Prefer the ZEN_TOKEN environment variable/);
  });
});

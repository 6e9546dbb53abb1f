import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { todayInSaoPaulo } from '@zen-leads/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { serveInProcess, type ServedGateway } from './support/served-gateway.js';
import { DISTINCTIVE_TOKEN, serveSimulator, type ServedSimulator } from './support/served-simulator.js';

const KEY = 'serve-today-client-key-8c2a71';

let served: ServedSimulator;
let folder: string;
let gateway: ServedGateway | undefined;
beforeEach(async () => {
  served = await serveSimulator({ windowMs: 200 });
  folder = await mkdtemp(join(tmpdir(), 'zen-serve-today-'));
});
afterEach(async () => {
  await gateway?.stop();
  gateway = undefined;
  await served.close();
  await rm(folder, { recursive: true, force: true });
});

describe("zen-leads serve's flags for today: --alerts, --keep-today-fresh, --snapshot-days", () => {
  it.each([
    ['--keep-today-fresh without a range', ['--keep-today-fresh', '8-20'], /--keep-today-fresh must be two São Paulo times HH:MM-HH:MM/],
    ['--keep-today-fresh backwards', ['--keep-today-fresh', '20:00-08:00'], /the first before the second/],
    ['--snapshot-days without --history', ['--snapshot-days', '10'], /--snapshot-days needs --history/],
    ['--snapshot-days that is no number', ['--history', 'h.ndjson', '--snapshot-days', 'ten'], /--snapshot-days must be a whole number of days/],
  ])('%s: exit 2 before anything starts', async (_name, args, message) => {
    const run = await served.run(['serve', '--port', '0', ...args], { ZEN_GATEWAY_KEYS: KEY });
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe('');
    expect(served.simulator.log).toHaveLength(0);
  });

  it('a bad --alerts file: exit 2 naming the file, line and field; nothing listens, nothing is sent', async () => {
    const file = join(folder, 'alerts.yaml');
    await writeFile(file, 'lang: en\nbusinessHours: { from: "08:00", to: "25:00" }\nrules: []\n');
    const run = await served.run(['serve', '--port', '0', '--alerts', file], { ZEN_GATEWAY_KEYS: KEY });
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain(`${file}, line 2, businessHours.to:`);
    expect(run.stdout).toBe('');
    expect(served.simulator.log).toHaveLength(0);
  });

  it('keeps today fresh around the clock into the history, and lists alerts at /v1/alerts.json', async () => {
    const history = join(folder, 'leads.ndjson');
    const rules = join(folder, 'alerts.json');
    await writeFile(rules, JSON.stringify({ lang: 'en', rules: [{ kind: 'problem-count', problem: 'any', above: 1_000_000 }] }));
    gateway = await serveInProcess(
      ['--history', history, '--keep-today-fresh', '00:00-24:00', '--snapshot-days', '3', '--alerts', rules, '--min-interval', '200ms'],
      { ...served.env, ZEN_GATEWAY_KEYS: KEY },
    );
    const today = todayInSaoPaulo();
    const headers = { authorization: `Bearer ${KEY}` };
    // Nobody asks: the idle windows refresh today, and each answer is a snapshot.
    await expect
      .poll(async () => ((await (await fetch(`${gateway!.url}/v1/totals/${today}/intraday.json`, { headers })).json()) as { points: unknown[] }).points.length, { timeout: 20_000, interval: 200 })
      .toBeGreaterThanOrEqual(1);
    const alerts = await fetch(`${gateway.url}/v1/alerts.json`, { headers });
    expect(alerts.status).toBe(200);
    expect(await alerts.json()).toEqual({ alerts: [] });
    expect(served.simulator.log.every((entry) => entry.date === today && entry.status === 200)).toBe(true);
    expect(gateway.stderr()).not.toContain(DISTINCTIVE_TOKEN);
  }, 40_000);
});

import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LeadTotals } from '@zen-leads/core';
import { openHistory, type HistoryStore } from '@zen-leads/history';
import { generateLeadTotalsPayload } from '@zen-leads/simulator';
import { mapWireByHand, type WirePayloadByHand } from '@zen-leads/test-support/map-wire-by-hand';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, chromiumAvailable } from '@zen-leads/test-support/chromium';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_KEY, UPSTREAM_TOKEN, daysAgo, startGatewayWorld, type GatewayWorld } from './support/gateway-world.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const outDir = join(repoRoot, 'out');


let world: GatewayWorld;
let history: HistoryStore;
let folder: string;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'zen-gateway-dashboard-'));
  history = await openHistory(join(folder, 'history.ndjson'));
  // Thirty closed days, two of them missing, as a history filled by backfill would hold them.
  for (let ago = 30; ago >= 1; ago--) {
    if (ago === 12 || ago === 20) continue;
    const day = daysAgo(ago);
    await history.append(mapWireByHand(generateLeadTotalsPayload(UPSTREAM_TOKEN, day) as WirePayloadByHand) as LeadTotals);
  }
  // Today is whatever day the suite runs on, and a seeded day may have no users (a quiet day):
  // every day the upstream serves here is one known to have users, dated as asked.
  const dayWithUsers = generateLeadTotalsPayload(UPSTREAM_TOKEN, '2026-11-29');
  expect(dayWithUsers.usuarios.length).toBeGreaterThan(0);
  world = await startGatewayWorld({ gateway: { history }, simulator: { dataFor: (_token, date) => ({ ...dayWithUsers, data: date }) } });
  await mkdir(outDir, { recursive: true });
});
afterAll(async () => {
  await world?.close();
  await history?.close();
  await rm(folder, { recursive: true, force: true });
});

async function browse(javaScriptEnabled: boolean, run: (page: Page, problems: string[], foreign: string[]) => Promise<void>): Promise<void> {
  const profile = await mkdtemp(join(tmpdir(), 'zen-gateway-chromium-'));
  let context: BrowserContext | undefined;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      javaScriptEnabled,
      viewport: { width: 1100, height: 900 },
      args: [...CHROMIUM_ARGS],
    });
    const page = context.pages()[0] ?? (await context.newPage());
    const problems: string[] = [];
    const foreign: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(`${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    page.on('request', (request) => {
      if (!request.url().startsWith(world.url)) foreign.push(request.url());
    });
    await run(page, problems, foreign);
  } finally {
    await context?.close();
    await rm(profile, { recursive: true, force: true });
  }
}

async function signIn(page: Page): Promise<void> {
  await page.goto(`${world.url}/`, { waitUntil: 'load' });
  expect(await page.locator('form[action="/login"]').count()).toBe(1);
  // Before signing in: no chart, no number of the account.
  expect(await page.locator('svg').count()).toBe(0);
  await page.fill('#key', CLIENT_KEY);
  await Promise.all([page.waitForURL(`${world.url}/`), page.click('button[type="submit"]')]);
}

describe.skipIf(!chromiumAvailable("The dashboard's browser test"))('the dashboard in headless Chromium', () => {
  it('with scripts off: sign in, today’s per-user chart arrives by itself, the 30-day charts render, no console error, nothing fetched from elsewhere', async () => {
    await browse(false, async (page, problems, foreign) => {
      await signIn(page);
      // Today comes in the next idle window; the page reloads itself (meta refresh) until it shows.
      await page.waitForSelector('svg.today-users rect', { timeout: 30_000 });
      const users = await page.locator('svg.today-users rect').count();
      expect(users).toBeGreaterThan(0);
      expect(await page.locator('#updated').innerText()).toMatch(/Updated at \d{2}:\d{2}:\d{2} · next update at about \d{2}:\d{2}:\d{2}/);
      expect(await page.locator('svg.history-users rect').count()).toBeGreaterThan(20);
      expect(await page.locator('svg.history-fairness path').count()).toBe(2);
      for (const chart of await page.locator('svg.chart').all()) {
        const box = await chart.boundingBox();
        expect(box?.width).toBeGreaterThan(300);
      }
      expect(await page.locator('#history .legend li').count()).toBeGreaterThan(2);
      await page.screenshot({ path: join(outDir, 'dashboard.png'), fullPage: true });
      expect(problems).toEqual([]);
      expect(foreign).toEqual([]);
    });
  }, 90_000);

  it('with scripts on: it refreshes itself each window without a script error', async () => {
    await browse(true, async (page, problems) => {
      await signIn(page);
      let loads = 0;
      page.on('load', () => loads++);
      const refresh = Number(/content="(\d+)"/.exec((await page.locator('meta[http-equiv="refresh"]').getAttribute('content').then((value) => `content="${value}"`)) ?? '')?.[1]);
      expect(refresh).toBeGreaterThanOrEqual(2);
      // Two reloads by itself, each within its refresh time (and not a fixed wait for the slowest case).
      await expect.poll(() => loads, { timeout: (2 * refresh + 2) * 1000, interval: 100 }).toBeGreaterThanOrEqual(2);
      expect(await page.locator('svg.today-users rect').count()).toBeGreaterThan(0);
      expect(problems).toEqual([]);
    });
  }, 90_000);

  it('signed out, the browser gets the form and no data, and the session cookie is out of reach of scripts', async () => {
    await browse(true, async (page, problems) => {
      await signIn(page);
      expect(await page.evaluate(() => document.cookie)).toBe('');
      await Promise.all([page.waitForURL(`${world.url}/`), page.click('form[action="/logout"] button')]);
      expect(await page.locator('form[action="/login"]').count()).toBe(1);
      expect(await page.locator('svg').count()).toBe(0);
      expect(problems).toEqual([]);
    });
  }, 90_000);
});

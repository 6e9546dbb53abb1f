import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LeadTotals } from '@zen-leads/core';
import { openHistory, type HistoryStore } from '@zen-leads/history';
import { generateLeadTotalsPayload } from '@zen-leads/simulator';
import { mapWireByHand, type WirePayloadByHand } from '@zen-leads/test-support/map-wire-by-hand';
import { LANGS, type Lang } from '@zen-leads/history';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, chromiumAvailable } from '@zen-leads/test-support/chromium';
import { SCREEN_WIDTHS, checkPage } from '@zen-leads/test-support/page-checks';
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

async function browse(
  javaScriptEnabled: boolean,
  run: (page: Page, problems: string[], foreign: string[]) => Promise<void>,
  screen: { width: number; lang: Lang } = { width: 1100, lang: 'en' },
): Promise<void> {
  const profile = await mkdtemp(join(tmpdir(), 'zen-gateway-chromium-'));
  let context: BrowserContext | undefined;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      javaScriptEnabled,
      viewport: { width: screen.width, height: 900 },
      locale: screen.lang,
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
      // Today comes in the next idle window; the page reloads itself (Refresh header) until it shows.
      await page.waitForSelector('table.today-users svg.bar rect', { timeout: 30_000 });
      const users = await page.locator('table.today-users tbody tr').count();
      expect(users).toBeGreaterThan(0);
      expect(await page.locator('#updated').innerText()).toMatch(/Updated at \d{2}:\d{2}:\d{2} · next update at about \d{2}:\d{2}:\d{2}/);
      expect(await page.locator('svg.history-users.wide rect').count()).toBeGreaterThan(20);
      expect(await page.locator('svg.history-fairness.wide path').count()).toBe(2);
      for (const chart of await page.locator('svg.chart.wide').all()) {
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
      // The refresh time as the dashboard's own answers give it (a reload of ours could race the
      // page's own one on a loaded machine: "not attached to an active page").
      let refresh = Number.NaN;
      page.on('response', (response) => {
        const header = response.request().isNavigationRequest() ? response.headers().refresh : undefined;
        if (header !== undefined) refresh = Number.parseInt(header, 10);
      });
      await signIn(page);
      let loads = 0;
      page.on('load', () => loads++);
      await expect.poll(() => refresh, { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
      // Two reloads by itself, each within its refresh time plus the load's own (no fixed wait for the slowest case).
      await expect.poll(() => loads, { timeout: (2 * refresh + 10) * 1000, interval: 100 }).toBeGreaterThanOrEqual(2);
      expect(await page.locator('table.today-users svg.bar rect').count()).toBeGreaterThan(0);
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

  for (const lang of LANGS) {
    for (const width of SCREEN_WIDTHS) {
      it(`${lang} at ${width} px, sign-in page and dashboard: no console error, no text under 12 px, no horizontal scroll, no serious axe violation`, async () => {
        await browse(
          true,
          async (page, problems) => {
            await page.goto(`${world.url}/`, { waitUntil: 'load' });
            expect(await page.getAttribute('html', 'lang')).toBe(lang);
            const signIn = await checkPage(page);
            await page.screenshot({ path: join(outDir, `sign-in-${lang}-${width}.png`), fullPage: true });
            expect(signIn.smallText).toEqual([]);
            expect(signIn.horizontalOverflow).toBe(0);
            expect(signIn.seriousViolations).toEqual([]);
            await page.fill('#key', CLIENT_KEY);
            await Promise.all([page.waitForURL(`${world.url}/`), page.click('button[type="submit"]')]);
            await page.waitForSelector('table.today-users svg.bar rect', { timeout: 30_000 });
            // Measured with the self-reload turned off (its link), so no reload lands mid-measure.
            await page.click('#updated a');
            await page.waitForURL(`${world.url}/?refresh=off`);
            expect(await page.locator('#updated').innerText()).toMatch(lang === 'en' ? /^Updated at / : /^Atualizado às /);
            const problemNames = lang === 'en' ? ['With error', 'Ungrouped', 'Over the contact limit', 'Duplicates'] : ['Com erro', 'Sem agrupamento', 'Limite de contatos', 'Duplicados'];
            expect(await page.locator('.kpis.problems span').allInnerTexts()).toEqual(problemNames);
            expect(await page.locator('.kpis b').allInnerTexts()).toContainEqual(expect.stringMatching(lang === 'en' ? /^(Even|Uneven)$/ : /^(Equilibrada|Desigual)$/));
            // Each bar of today's table has the colour its user has in the 30-day chart's legend.
            const legend = new Map<string, string>();
            for (const item of await page.locator('#history figure:first-of-type .legend li').all()) {
              legend.set((await item.innerText()).trim(), (await item.locator('rect').getAttribute('fill')) ?? '');
            }
            // A user the chart gathers into "others" has the others' colour.
            const others = [...legend].find(([name]) => /^(Outros usuários|Other users) \(\d+\)$/.test(name))?.[1];
            let matched = 0;
            for (const row of await page.locator('table.today-users tbody tr').all()) {
              const color = legend.get((await row.locator('th').innerText()).trim()) ?? others;
              if (color === undefined) continue;
              expect(await row.locator('svg.bar rect').getAttribute('fill')).toBe(color);
              matched++;
            }
            expect(matched).toBeGreaterThan(0);
            const dashboard = await checkPage(page);
            await page.screenshot({ path: join(outDir, `dashboard-${lang}-${width}.png`), fullPage: true });
            expect(dashboard.textNodes).toBeGreaterThan(60);
            expect(dashboard.smallText).toEqual([]);
            expect(dashboard.horizontalOverflow).toBe(0);
            expect(dashboard.seriousViolations).toEqual([]);
            expect(problems).toEqual([]);
          },
          { width, lang },
        );
      }, 90_000);
    }
  }
});

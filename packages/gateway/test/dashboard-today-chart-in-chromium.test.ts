import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { addDays, todayInSaoPaulo, type Clock } from '@zen-leads/core';
import { parseLeadTotalsBody, systemClock } from '@zen-leads/core/internal';
import { LANGS, openHistory, type HistoryStore, type Lang } from '@zen-leads/history';
import { createSimulator } from '@zen-leads/simulator';
import { CHROMIUM, CHROMIUM_ARGS, chromiumAvailable } from '@zen-leads/test-support/chromium';
import { SCREEN_WIDTHS, checkPage } from '@zen-leads/test-support/page-checks';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAlertRules } from '../src/index.js';
import { saoPauloMidnight } from '@zen-leads/core/internal';
import { busyDayAccount, type BusyDayAccount } from './support/busy-day-account.js';
import { CLIENT_KEY, startGatewayWorld, type GatewayWorld } from './support/gateway-world.js';

// The dashboard's today chart in real Chromium: arrivals per hour per seller (stacked bars), today
// against the typical day (the median of the last 4 like weekdays), alerts firing; pt-BR and en,
// at 390 px (a phone) and a desktop width, screenshots under out/.

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const outDir = join(repoRoot, 'out');
const HOUR_MS = 3_600_000;
/** The gateway and simulator live at 15:00 São Paulo of the real today, whatever the hour the suite runs at. */
const TODAY = todayInSaoPaulo();
const LIVE_AT = saoPauloMidnight(TODAY) + 15 * HOUR_MS;

let world: GatewayWorld;
let history: HistoryStore;
let folder: string;
let account: BusyDayAccount;

/** The simulator's growing day `date` at `msOfDay`, decoded by the core as the gateway would. */
async function dayAt(token: string, date: string, msOfDay: number) {
  // The simulator's own today, at that time of that day: its leads arrived so far.
  const simulator = createSimulator({ tokens: [token], now: () => saoPauloMidnight(date) + Math.min(msOfDay, 24 * HOUR_MS - 1) });
  return parseLeadTotalsBody(JSON.stringify(await simulator.payloadFor(token, date)), 200).totals;
}

beforeAll(async () => {
  account = await busyDayAccount(TODAY, { fromMs: 8 * HOUR_MS, toMs: 15 * HOUR_MS, maxGapMs: 24 * HOUR_MS });
  folder = await mkdtemp(join(tmpdir(), 'zen-gateway-today-chart-'));
  history = await openHistory(join(folder, 'history.ndjson'));
  // The last 4 like weekdays, a snapshot each hour, and today's morning every 20 minutes.
  for (const weeks of [4, 3, 2, 1]) {
    const day = addDays(TODAY, -7 * weeks);
    for (let hour = 0; hour <= 24; hour++) await history.appendSnapshot(await dayAt(account.token, day, hour * HOUR_MS), new Date(saoPauloMidnight(day) + Math.min(hour * HOUR_MS, 24 * HOUR_MS - 1_000)));
  }
  for (let at = 0; at < 15 * HOUR_MS; at += HOUR_MS / 3) await history.appendSnapshot(await dayAt(account.token, TODAY, at), new Date(saoPauloMidnight(TODAY) + at));
  // The gateway's and the simulator's clock: real time moved to 15:00 of today.
  const offset = LIVE_AT - Date.now();
  const clock: Clock = { now: () => Date.now() + offset, sleep: systemClock.sleep };
  const rules = parseAlertRules(
    JSON.stringify({
      lang: 'en',
      businessHours: { from: '00:00', to: '24:00' },
      rules: [
        { name: 'busy-seller', kind: 'seller-share', percent: 10, minLeads: 5 },
        { name: 'problems', kind: 'problem-count', problem: 'any', above: 0 },
      ],
    }),
    'alerts.json',
  );
  world = await startGatewayWorld({
    upstreamToken: account.token,
    simulator: { tokens: [account.token], now: clock.now },
    gateway: { history, clock, alerts: rules, keepTodayFresh: { from: '00:00', to: '24:00' } },
  });
  await mkdir(outDir, { recursive: true });
}, 120_000);
afterAll(async () => {
  await world?.close();
  await history?.close();
  await rm(folder, { recursive: true, force: true });
});

async function browse(screen: { width: number; lang: Lang }, run: (page: Page, problems: string[]) => Promise<void>): Promise<void> {
  const profile = await mkdtemp(join(tmpdir(), 'zen-gateway-chromium-'));
  let context: BrowserContext | undefined;
  try {
    context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, viewport: { width: screen.width, height: 900 }, locale: screen.lang, args: [...CHROMIUM_ARGS] });
    const page = context.pages()[0] ?? (await context.newPage());
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(`${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    page.on('request', (request) => {
      if (!request.url().startsWith(world.url)) problems.push(`foreign request: ${request.url()}`);
    });
    await run(page, problems);
  } finally {
    await context?.close();
    await rm(profile, { recursive: true, force: true });
  }
}

describe.skipIf(!chromiumAvailable("The dashboard's today chart test"))('the dashboard’s today chart in headless Chromium', () => {
  for (const lang of LANGS) {
    for (const width of SCREEN_WIDTHS) {
      it(`${lang} at ${width} px: arrivals per hour per seller, today against the typical day, the alerts firing; readable, no horizontal scroll, axe clean`, async () => {
        await browse({ width, lang }, async (page, problems) => {
          await page.goto(`${world.url}/`, { waitUntil: 'load' });
          await page.fill('#key', CLIENT_KEY);
          await Promise.all([page.waitForURL(`${world.url}/`), page.click('button[type="submit"]')]);
          // Today's live answer comes in the first idle window; the page reloads itself until it shows.
          await page.waitForSelector('#alerts ul.alerts li', { timeout: 30_000 });
          await page.goto(`${world.url}/?refresh=off`, { waitUntil: 'load' });
          const variant = width < 700 ? 'narrow' : 'wide';
          // Bars in the morning's hours, stacked per seller, each seller in the legend.
          expect(await page.locator(`svg.today-arrivals.${variant} rect`).count()).toBeGreaterThan(10);
          expect(await page.locator('#today-hours figure:first-of-type .legend li').count()).toBeGreaterThanOrEqual(5);
          // Two lines: today so far and the typical day, which grows through the day as the like days did.
          expect(await page.locator(`svg.today-pace.${variant} path`).count()).toBe(2);
          const typical = (await page.locator(`svg.today-pace.${variant} path`).nth(1).getAttribute('d')) ?? '';
          const heights = [...typical.matchAll(/[ML]\s*[\d.]+[ ,]([\d.]+)/g)].map((match) => Number(match[1]));
          expect(heights.length).toBe(24);
          expect(heights[0]!).toBeGreaterThan(heights[23]!);
          expect(await page.locator('#today-hours figure:last-of-type .legend li').allInnerTexts()).toEqual(lang === 'en' ? ['Today so far', 'Typical (median of the last 4 like weekdays)'] : ['Hoje até agora', 'Típico (mediana dos últimos 4 dias iguais da semana)']);
          expect(await page.locator('#alerts h3').innerText()).toBe(lang === 'en' ? 'Alerts' : 'Alertas');
          expect(await page.locator('#alerts ul.alerts.firing li').count()).toBeGreaterThanOrEqual(1);
          // The rules file speaks English; each viewer reads the alerts in their own language.
          expect((await page.locator('#alerts ul.alerts.firing').innerText()).includes(lang === 'en' ? 'above the limit of 0' : 'acima do limite de 0')).toBe(true);
          // One colour per user on the page: a seller's swatch in the hour chart is their bar's in today's table.
          const bars = new Map<string, string>();
          for (const row of await page.locator('table.today-users tbody tr').all()) bars.set((await row.locator('th').innerText()).trim(), (await row.locator('svg.bar rect').getAttribute('fill')) ?? '');
          const swatches = await page.locator('#today-hours figure:first-of-type .legend li').all();
          let matched = 0;
          for (const item of swatches) {
            const bar = bars.get((await item.innerText()).trim());
            if (bar === undefined) continue;
            expect(await item.locator('rect').getAttribute('fill')).toBe(bar);
            matched++;
          }
          expect(matched).toBeGreaterThanOrEqual(4);
          expect(new Set(bars.values()).size).toBeGreaterThanOrEqual(4);
          const checks = await checkPage(page);
          await page.screenshot({ path: join(outDir, `dashboard-today-${lang}-${width}.png`), fullPage: true });
          expect(checks.smallText).toEqual([]);
          expect(checks.horizontalOverflow).toBe(0);
          expect(checks.seriousViolations).toEqual([]);
          expect(problems).toEqual([]);
        });
      }, 90_000);
    }
  }
});

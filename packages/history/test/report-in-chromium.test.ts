import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, chromiumAvailable } from '@zen-leads/test-support/chromium';
import { SCREEN_WIDTHS, checkPage } from '@zen-leads/test-support/page-checks';
import { LANGS } from '../src/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderReport } from '../src/index.js';
import { grownSnapshots } from './support/grown-snapshots.js';
import { seededDays } from './support/seeded-days.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
/** The repo's ignored output folder: the screenshot is kept there as a CI artifact. */
const outDir = join(repoRoot, 'out');


const available = chromiumAvailable("The report's browser test");

describe.skipIf(!available)('the report in headless Chromium, scripts off', () => {
  let profile: string;
  let reportPath: string;

  beforeAll(async () => {
    profile = await mkdtemp(join(tmpdir(), 'zen-report-chromium-'));
    await mkdir(outDir, { recursive: true });
    const days = seededDays('2025-03-01', '2025-03-31', ['2025-03-15']);
    reportPath = join(outDir, 'report.html');
    // The last week also has today's snapshots, as a gateway keeps them: the hour-of-day view shows.
    await writeFile(reportPath, renderReport(days, { source: 'simulator (demo-token)', lang: 'en', snapshots: days.slice(-7).flatMap((totals) => grownSnapshots(totals)) }));
  });
  afterAll(async () => {
    await rm(profile, { recursive: true, force: true });
  });

  it('renders every chart with no console error and no request but the page, and saves a screenshot', async () => {
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      javaScriptEnabled: false,
      viewport: { width: 1100, height: 900 },
      args: [...CHROMIUM_ARGS],
    });
    try {
      const page = await context.newPage();
      const problems: string[] = [];
      const requests: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error' || message.type() === 'warning') problems.push(`${message.type()}: ${message.text()}`);
      });
      page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
      page.on('request', (request) => requests.push(request.url()));

      const url = pathToFileURL(reportPath).href;
      await page.goto(url, { waitUntil: 'load' });

      const charts = page.locator('svg.chart.wide');
      expect(await charts.count()).toBe(7);
      for (const chart of await charts.all()) {
        const box = await chart.boundingBox();
        expect(box?.width).toBeGreaterThan(300);
        expect(box?.height).toBeGreaterThan(100);
      }
      // Marks were drawn: bars in the stacked charts, lines in the others.
      expect(await page.locator('svg.users.wide rect').count()).toBeGreaterThan(20);
      expect(await page.locator('svg.errors.wide path').count()).toBe(4);
      expect(await page.locator('svg.hours.wide rect').count()).toBeGreaterThan(20);
      // Accents reach the screen intact (the seeded team's names and origins carry them).
      const legendText = await page.locator('#users .legend').innerText();
      expect(legendText).toMatch(/[áàâãçéêíóôõú]/i);
      expect(await page.locator('#summary tbody tr').count()).toBe(31);
      expect(await page.locator('#hours tbody tr').count()).toBe(12);

      await page.screenshot({ path: join(outDir, 'report.png'), fullPage: true });
      expect(problems).toEqual([]);
      expect(requests).toEqual([url]);
    } finally {
      await context.close();
    }
  }, 60_000);
});

describe.skipIf(!available)('the report in both languages at a phone’s and a laptop’s width', () => {
  let browser: Browser;
  const folder = join(outDir, 'report-pages');
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: [...CHROMIUM_ARGS] });
    await mkdir(folder, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
  });

  // A month with a run of missing days and a single one, as a history with gaps holds it.
  const days = seededDays('2025-03-01', '2025-03-31', ['2025-03-10', '2025-03-11', '2025-03-12', '2025-03-20']);
  const snapshots = days.slice(-5).flatMap((totals) => grownSnapshots(totals));
  for (const lang of LANGS) {
    for (const width of SCREEN_WIDTHS) {
      it(`${lang} at ${width} px: no console error, no text under 12 px, no horizontal scroll, no serious axe violation`, async () => {
        const path = join(folder, `report-${lang}.html`);
        await writeFile(path, renderReport(days, { source: 'simulator (demo-token)', lang, snapshots }));
        const context = await browser.newContext({ viewport: { width, height: 900 }, javaScriptEnabled: true });
        try {
          const page = await context.newPage();
          const problems: string[] = [];
          page.on('console', (message) => {
            if (message.type() === 'error') problems.push(message.text());
          });
          page.on('pageerror', (error) => problems.push(error.message));
          await page.goto(pathToFileURL(path).href, { waitUntil: 'load' });
          expect(await page.getAttribute('html', 'lang')).toBe(lang);
          // One drawing of each chart shows: the narrow one on the phone, the wide one on the laptop.
          expect(await page.locator(`svg.chart.${width < 700 ? 'narrow' : 'wide'}:visible`).count()).toBe(7);
          expect(await page.locator('svg.chart:visible').count()).toBe(7);
          const findings = await checkPage(page);
          await page.screenshot({ path: join(outDir, `report-${lang}-${width}.png`), fullPage: true });
          expect(findings.textNodes).toBeGreaterThan(200);
          expect(findings.smallText).toEqual([]);
          expect(findings.horizontalOverflow).toBe(0);
          expect(findings.seriousViolations).toEqual([]);
          expect(problems).toEqual([]);
        } finally {
          await context.close();
        }
      }, 60_000);
    }
  }

  it('the checks can fail: the wide drawing forced onto a phone is text under 12 px, an unlabelled field is an axe violation', async () => {
    const path = join(folder, 'report-forced-wide.html');
    const forced = renderReport(days, { lang: 'pt-BR' }).replace('</style>', 'svg.chart.wide{display:block!important}svg.chart{min-width:0}</style>').replace('</main>', '<input type="text"></main>');
    await writeFile(path, forced);
    const context = await browser.newContext({ viewport: { width: 390, height: 900 } });
    try {
      const page = await context.newPage();
      await page.goto(pathToFileURL(path).href, { waitUntil: 'load' });
      const findings = await checkPage(page);
      expect(findings.smallText.some((line) => line.startsWith('text:'))).toBe(true);
      expect(findings.seriousViolations.some((line) => line.startsWith('label:'))).toBe(true);
    } finally {
      await context.close();
    }
  }, 60_000);
});

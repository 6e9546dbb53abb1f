import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, chromiumAvailable } from '@zen-leads/test-support/chromium';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderReport } from '../src/index.js';
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
    await writeFile(reportPath, renderReport(days, { source: 'simulator (demo-token)' }));
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

      const charts = page.locator('svg.chart');
      expect(await charts.count()).toBe(6);
      for (const chart of await charts.all()) {
        const box = await chart.boundingBox();
        expect(box?.width).toBeGreaterThan(300);
        expect(box?.height).toBeGreaterThan(100);
      }
      // Marks were drawn: bars in the stacked charts, lines in the others.
      expect(await page.locator('svg.users rect').count()).toBeGreaterThan(20);
      expect(await page.locator('svg.errors path').count()).toBe(4);
      // Accents reach the screen intact (the seeded team's names and origins carry them).
      const legendText = await page.locator('#users .legend').innerText();
      expect(legendText).toMatch(/[áàâãçéêíóôõú]/i);
      expect(await page.locator('tbody tr').count()).toBe(31);

      await page.screenshot({ path: join(outDir, 'report.png'), fullPage: true });
      expect(problems).toEqual([]);
      expect(requests).toEqual([url]);
    } finally {
      await context.close();
    }
  }, 60_000);
});

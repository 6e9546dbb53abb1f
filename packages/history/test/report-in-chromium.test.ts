import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderReport } from '../src/index.js';
import { seededDays } from './support/seeded-days.js';

const CHROMIUM = '/usr/bin/chromium';
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
/** The repo's ignored output folder: the screenshot is kept there as a CI artifact. */
const outDir = join(repoRoot, 'out');

/** Debian's Chromium, installed by the CI step when missing; the test is skipped, loudly, only if that fails. */
function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  try {
    execFileSync('bash', [join(repoRoot, '.ci/steps/chromium.sh')], { stdio: 'inherit', timeout: 300_000 });
  } catch {
    // Reported below.
  }
  if (existsSync(CHROMIUM)) return true;
  console.warn(
    `\n${'!'.repeat(78)}\n!! SKIPPED: the report's browser test needs Debian's chromium at ${CHROMIUM}.\n!! Install it with: apt-get install -y chromium   (or bash .ci/steps/chromium.sh)\n${'!'.repeat(78)}\n`,
  );
  return false;
}

const available = chromiumAvailable();

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
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
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

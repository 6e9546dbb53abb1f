import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

/** axe-core's browser bundle, run in the page as text (no file served, no CSP exception needed). */
const axeSource: string = (createRequire(import.meta.url)('axe-core') as { source: string }).source;

/** What a person on this screen would meet: tiny text, a page wider than the screen, accessibility faults. */
export interface PageFindings {
  /** Visible text rendered under 12 CSS px: `"<tag>: <text> (<px>)"`. */
  smallText: string[];
  /** How much wider than the viewport the page scrolls, in CSS px (0: no horizontal scroll). */
  horizontalOverflow: number;
  /** axe-core violations of impact serious or critical: `"<rule>: <target>"`. */
  seriousViolations: string[];
  /** How many visible text nodes were measured (a check that measured nothing proves nothing). */
  textNodes: number;
}

/**
 * Measures the page as rendered. Text size is the computed font size times the scale its SVG is
 * drawn at (a viewBox scales its text with it), so an SVG label shrunk on a phone counts as small.
 */
export async function checkPage(page: Page): Promise<PageFindings> {
  const measured = await page.evaluate(() => {
    const small: string[] = [];
    let textNodes = 0;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = (node.textContent ?? '').trim();
      const element = node.parentElement;
      if (text === '' || !element || element.closest('title, desc, style, script, .visually-hidden')) continue;
      if (!element.checkVisibility({ visibilityProperty: true, opacityProperty: true })) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      if (range.getClientRects().length === 0) continue;
      textNodes++;
      const svg = element.closest('svg');
      const scale = svg instanceof SVGSVGElement ? Math.abs(svg.getScreenCTM()?.a ?? 1) : 1;
      const px = parseFloat(getComputedStyle(element).fontSize) * scale;
      if (px < 11.95) small.push(`${element.tagName.toLowerCase()}: ${text.slice(0, 40)} (${px.toFixed(1)}px)`);
    }
    const root = document.documentElement;
    return { small, textNodes, overflow: Math.max(root.scrollWidth, document.body.scrollWidth) - root.clientWidth };
  });
  const axe = (await page.evaluate(`${axeSource}\n;axe.run(document, { resultTypes: ['violations'] })`)) as {
    violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[];
  };
  const seriousViolations = axe.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .flatMap((violation) => violation.nodes.map((node) => `${violation.id}: ${JSON.stringify(node.target)}`));
  return { smallText: measured.small, horizontalOverflow: Math.max(0, measured.overflow), seriousViolations, textNodes: measured.textNodes };
}

/** The widths the pages are checked at: a phone and a laptop. */
export const SCREEN_WIDTHS = [390, 1280] as const;

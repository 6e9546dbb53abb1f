import { afterEach, describe, expect, it } from 'vitest';
import { displayWidth } from '../src/output/display-width.js';
import { runInTerminal } from './support/run-in-terminal.js';
import { serveSimulator, type ServedSimulator } from './support/served-simulator.js';

let served: ServedSimulator | undefined;
afterEach(async () => {
  await served?.close();
  served = undefined;
});

/** The live countdown, drawn on a real pseudo-terminal by the built bin. */
describe('the wait countdown on a narrow terminal', () => {
  it('fits every redraw to the width, redraws narrower after a resize, and leaves no stale line', async () => {
    served = await serveSimulator({ windowMs: 6_000 });
    const args = ['--min-interval', '6s', '--format', 'json'];
    // The first run takes the token's window; the second, on the terminal, waits about 7 s for it.
    const first = await served.run(['totals', '2026-11-20', ...args]);
    expect(first.code, first.stderr).toBe(0);
    const run = await runInTerminal(['totals', '2026-11-21', ...args], served.env, { columns: 50, resizeTo: 30, resizeAfterMs: 3_000 });
    expect(run.code, run.output).toBe(0);

    const beforeAnswer = run.output.slice(0, run.output.indexOf('{'));
    const draws = beforeAnswer.split('\r\x1b[2K').filter((draw) => draw.startsWith('zen-leads:'));
    const widths = draws.map(displayWidth);
    expect(draws.length, beforeAnswer).toBeGreaterThanOrEqual(3);
    // Never wider than the terminal less one column, so no draw wraps onto a second row...
    expect(Math.max(...widths)).toBeLessThanOrEqual(49);
    expect(widths[0]).toBe(49);
    expect(draws[0]?.endsWith('…')).toBe(true);
    // ...and from the resize on, never wider than the new width.
    const narrowFrom = widths.findIndex((width) => width <= 29);
    expect(narrowFrom, widths.join(',')).toBeGreaterThan(0);
    expect(widths.slice(narrowFrom).every((width) => width <= 29)).toBe(true);
    // The wait printed no line break: nothing stale is left on the screen.
    expect(beforeAnswer).not.toContain('\n');
    expect(run.output).toContain('"date": "2026-11-21"');
  }, 30_000);
});

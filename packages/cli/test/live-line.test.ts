import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { LiveLine } from '../src/live-line.js';
import { displayWidth } from '../src/output/display-width.js';

/** A terminal stand-in: a width, `resize` events, and what was written. */
class FakeTerminal extends EventEmitter {
  readonly isTTY = true;
  text = '';
  constructor(public columns: number) {
    super();
  }
  write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }
  draws(): string[] {
    return this.text.split('\r\x1b[2K').filter(Boolean);
  }
}

const LONG = "zen-leads: the token's rate-limit window is taken, 3rd in line; waiting 4m 12s (until 2026-11-25 09:04:12 São Paulo time). Ctrl-C to stop.";

describe('LiveLine', () => {
  it('cuts the line to one column less than the terminal, ending in "…", so it never wraps', () => {
    const terminal = new FakeTerminal(60);
    new LiveLine(terminal).show(LONG);
    const [draw] = terminal.draws();
    expect(displayWidth(draw ?? '')).toBe(59);
    expect(draw).toBe(`${LONG.slice(0, 58)}…`);
  });

  it('keeps a line that fits as it is', () => {
    const terminal = new FakeTerminal(200);
    new LiveLine(terminal).show(LONG);
    expect(terminal.draws()).toEqual([LONG]);
  });

  it('counts wide characters by their columns', () => {
    const terminal = new FakeTerminal(11);
    new LiveLine(terminal).show('等待等待等待等待');
    expect(terminal.draws()).toEqual(['等待等待…']);
  });

  it('redraws at the new width the moment the terminal is resized, and stops listening once cleared', () => {
    const terminal = new FakeTerminal(80);
    const line = new LiveLine(terminal);
    line.show(LONG);
    terminal.columns = 40;
    terminal.emit('resize');
    const draws = terminal.draws();
    expect(draws).toHaveLength(2);
    expect(displayWidth(draws[1] ?? '')).toBe(39);
    line.clear();
    expect(terminal.listenerCount('resize')).toBe(0);
    expect(terminal.text.endsWith('\r\x1b[2K')).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { COMMANDS, findCommand } from '../src/commands/registry.js';
import { main } from '../src/main.js';
import { memoryContext } from './support/memory-output.js';

describe('main (in-process)', () => {
  it('finds commands through the registry', () => {
    expect(COMMANDS.map((command) => command.name)).toContain('totals');
    expect(findCommand('totals')?.summary.en).toMatch(/lead totals/);
    expect(findCommand('totals')?.summary['pt-BR']).toMatch(/totais de leads/);
    expect(findCommand('nope')).toBeUndefined();
  });

  it('returns 2 and a hint for an option given before any command', async () => {
    const context = memoryContext();
    expect(await main(['--format', 'json'], context)).toBe(2);
    expect(context.stderr.text).toContain('--format needs a command before it, e.g. zen-leads totals --format');
  });

  it('returns 130 and says so when interrupted', async () => {
    const controller = new AbortController();
    const context = { ...memoryContext({ ZEN_URL: 'http://127.0.0.1:9/api', ZEN_TOKEN: 'tok-abcd', ZEN_CACHE_DIR: '/tmp/zen-cli-interrupt' }), signal: controller.signal };
    controller.abort(new Error('interrupted'));
    expect(await main(['totals', '2026-11-24'], context)).toBe(130);
    expect(context.stderr.text).toBe('zen-leads: interrupted; nothing was printed.\n');
  });
});

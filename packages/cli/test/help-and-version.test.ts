import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from './support/run-cli.js';

const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

describe('zen-leads help and version', () => {
  it('--version prints the package version', async () => {
    const run = await runCli(['--version']);
    expect(run).toMatchObject({ code: 0, stdout: `${manifest.version}\n`, stderr: '' });
  });

  it('--help lists the commands, the env vars and the exit codes', async () => {
    const run = await runCli(['--help']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('Usage: zen-leads <command>');
    expect(run.stdout).toMatch(/totals\s+one day of lead totals/);
    expect(run.stdout).toContain('ZEN_URL, ZEN_TOKEN, ZEN_STORE, ZEN_CACHE_DIR');
    expect(run.stdout).toContain('4 rate limited, not waited');
  });

  it('no arguments prints the same help', async () => {
    const run = await runCli([]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('Usage: zen-leads <command>');
  });

  it('totals --help (and help totals) documents every option of the command', async () => {
    for (const args of [['totals', '--help'], ['help', 'totals']]) {
      const run = await runCli(args);
      expect(run.code, run.stderr).toBe(0);
      for (const option of ['--url', '--token', '--format', '--view', '--on-rate-limit', '--max-wait', '--min-interval', '--timeout', '--store', '--cache-dir', '--no-cache']) {
        expect(run.stdout).toContain(option);
      }
      expect(run.stdout).toContain('YYYY-MM-DD, "today" or "yesterday"');
      // The three store forms, by their exact names, and the env var.
      for (const form of ['ZEN_STORE', 'file:<dir>', 'memory:', 'redis://host:port[/db]', 'rediss://']) expect(run.stdout).toContain(form);
    }
  });

  it('--help wins over missing settings and sends nothing', async () => {
    const run = await runCli(['totals', '--help'], { ZEN_URL: undefined, ZEN_TOKEN: undefined });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toBe('');
  });
});

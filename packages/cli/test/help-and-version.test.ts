import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { HISTORY_EXTENSIONS } from '@zen-leads/history';
import { describe, expect, it } from 'vitest';
import { runCli } from './support/run-cli.js';

const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string; bin: Record<string, string>; files: string[] };

describe('the zen-leads bin', () => {
  // A fresh clone's install links bins before anything is built: a bin inside dist/ would not exist yet.
  it('is a committed file outside dist/, shipped, that runs the built CLI', async () => {
    const bin = manifest.bin['zen-leads'] ?? '';
    expect(bin).not.toMatch(/^(\.\/)?dist\//);
    const path = fileURLToPath(new URL(`../${bin}`, import.meta.url));
    expect(existsSync(path)).toBe(true);
    expect(manifest.files).toContain(bin.replace(/^\.\//, '').split('/')[0]);
    const { stdout } = await promisify(execFile)(process.execPath, [path, '--version'], { env: { PATH: process.env.PATH } });
    expect(stdout).toBe(`${manifest.version}\n`);
  });
});

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

  it('no arguments is a usage error: exit 2, the usage on stderr, nothing on stdout (a cut-short cron line must not look like success)', async () => {
    const run = await runCli([]);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^zen-leads: no command given\. Name one, e\.g\. zen-leads totals\.\n\nUsage: zen-leads <command>/);
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

  it.each(['totals', 'backfill', 'report'])('%s -V and --version print the version, as at the top level', async (command) => {
    for (const flag of ['-V', '--version']) {
      const run = await runCli([command, flag]);
      expect(run).toMatchObject({ code: 0, stdout: `${manifest.version}\n`, stderr: '' });
    }
  });

  it.each(['totals', 'backfill', 'report'])('%s --help lists -h, --help and -V, --version', async (command) => {
    const run = await runCli([command, '--help']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^ {2}-h, --help {2,}show this help$/m);
    expect(run.stdout).toMatch(/^ {2}-V, --version {2,}print the version$/m);
  });

  it.each(['backfill', 'report'])('%s --help lists every history extension it accepts', async (command) => {
    const run = await runCli([command, '--help']);
    for (const extension of HISTORY_EXTENSIONS) expect(run.stdout).toContain(extension);
    expect(HISTORY_EXTENSIONS).toContain('.sqlite3');
  });
});

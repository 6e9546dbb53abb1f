/**
 * Issue 15's acceptance, as a user meets it: the packed packages installed into an empty prefix
 * compile nothing, and `zen-leads backfill --out h.sqlite` works with each runtime's own SQLite —
 * or, on Node 20 without better-sqlite3, exits 2 naming the fix before any request.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { bunBinary, denoBinary, node22Binary, node24Binary } from '@zen-leads/test-support/runtimes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installPackedPackages, withoutNodePath, type PackedPrefix } from './support/packed-prefix.ts';
import { runProcess, startSimulator, type RunningSimulator } from './support/run-process.ts';

const TOKEN = 'packed-install-token-7d41';
const DAYS = ['2026-03-02', '2026-03-03'];
const BACKFILL = ['backfill', '--from', DAYS[0]!, '--to', DAYS[1]!, '--out', 'h.sqlite', '--min-interval', '1ms'];

let prefix: PackedPrefix;
let simulator: RunningSimulator;
beforeAll(async () => {
  prefix = await installPackedPackages();
  simulator = await startSimulator(process.execPath, prefix.zenSimulator, TOKEN, withoutNodePath(process.env));
});
afterAll(() => {
  simulator?.stop();
  if (prefix) rmSync(join(prefix.dir, '..'), { recursive: true, force: true });
});

/** A fresh folder per run, with the environment the CLI documents and nothing from this test run. */
function runIn(name: string, command: string, args: readonly string[]) {
  const cwd = join(prefix.dir, '..', 'runs', name);
  mkdirSync(cwd, { recursive: true });
  const env = { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: cwd, ZEN_URL: simulator.url, ZEN_TOKEN: TOKEN, ZEN_CACHE_DIR: join(cwd, 'cache'), NO_COLOR: '1', DENO_NO_UPDATE_CHECK: '1' };
  return { cwd, result: runProcess(command, args, { cwd, env }) };
}

/** Every file under `dir`, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((file) => join(dir, file));
}

it("installs from the packed tarballs with the machine's npm and compiles nothing: no install script, no native addon, no better-sqlite3", () => {
  const modules = join(prefix.dir, 'node_modules');
  expect(existsSync(join(modules, '@zen-leads', 'cli', 'dist', 'bin.js'))).toBe(true);
  expect(existsSync(join(modules, 'better-sqlite3'))).toBe(false);
  const files = filesUnder(modules);
  expect(files.filter((file) => file.endsWith('.node') || file.endsWith('binding.gyp'))).toStrictEqual([]);
  const withInstallScripts = files
    .filter((file) => file.endsWith('package.json') && statSync(file).isFile())
    .filter((file) => {
      const scripts = (JSON.parse(readFileSync(file, 'utf8')) as { scripts?: Record<string, string> }).scripts ?? {};
      return ['preinstall', 'install', 'postinstall'].some((name) => name in scripts);
    });
  expect(withInstallScripts).toStrictEqual([]);
  expect(prefix.installLog).not.toMatch(/gyp|prebuild|compil/i);
});

describe.each([
  ['Node 24', () => [node24Binary()]],
  // Node 22 prints an ExperimentalWarning when node:sqlite loads; the CLI's output must not show it.
  ['Node 22', () => [node22Binary()]],
  ['Bun', () => [bunBinary()]],
  ['Deno', () => [denoBinary(), 'run', '--allow-read', '--allow-write', '--allow-env', '--allow-net']],
])('zen-leads under %s', (runtime, command) => {
  it('backfills two days over HTTP into h.sqlite with the runtime’s own SQLite, prints no warning, and reads the file back into a report', async () => {
    const [binary, ...flags] = command();
    const before = simulator.requests().length;
    const { cwd, result } = runIn(runtime, binary!, [...flags, prefix.zenLeads, ...BACKFILL]);
    const backfill = await result;
    expect(backfill.code, backfill.stderr).toBe(0);
    expect(backfill.stderr).toContain('h.sqlite holds every day from');
    expect(backfill.stderr).not.toMatch(/warning/i);
    expect(simulator.requests().length - before).toBe(2);

    const report = await runIn(runtime, binary!, [...flags, prefix.zenLeads, 'report', '--in', 'h.sqlite', '--out', 'report.html']).result;
    expect(report.code, report.stderr).toBe(0);
    expect(report.stderr).toContain('(2 days,');
    expect(report.stderr).not.toMatch(/warning/i);
    expect(readFileSync(join(cwd, 'report.html'), 'utf8')).toContain('<svg');
  });
});

it('on Node 22, node:sqlite loaded plainly does print the ExperimentalWarning the CLI keeps out of its output', async () => {
  const plain = await runIn('node22-plain', node22Binary(), ['-e', "process.getBuiltinModule('node:sqlite')"]).result;
  expect(plain.code).toBe(0);
  expect(plain.stderr).toContain('ExperimentalWarning: SQLite is an experimental feature');
});

it('on Node 20 without better-sqlite3, backfill --out h.sqlite exits 2 naming the fix before any request, and creates no file', async () => {
  expect(process.versions.node.split('.')[0], 'this check needs the machine’s Node 20, which has no node:sqlite').toBe('20');
  const before = simulator.requests().length;
  const { cwd, result } = runIn('node20', process.execPath, [prefix.zenLeads, ...BACKFILL]);
  const refused = await result;
  expect(refused.code).toBe(2);
  expect(refused.stderr).toContain('SQLite is not available on Node v20');
  expect(refused.stderr).toContain('--out h.ndjson');
  expect(refused.stderr).toContain('npm i -g better-sqlite3@12');
  expect(refused.stderr).not.toMatch(/\n\s+at /);
  expect(simulator.requests().length).toBe(before);
  expect(existsSync(join(cwd, 'h.sqlite'))).toBe(false);
});

#!/usr/bin/env node
// The whole test suite, as `pnpm test` runs it (README command 2, and CI through .ci/run):
// system packages and runtimes the real parts need, the build, every vitest project (on this
// machine's Node, then the SQLite files of the CLI and history again on Node 24), the n8n package
// inside a real n8n, and the publish checks. Ends with one "N passed, N failed" line.
// After the one build nothing runs turbo again (ZEN_BUILT=1). One throwaway PostgreSQL cluster
// (scripts/postgres) serves every vitest run (ZEN_TEST_POSTGRES_URL) and is stopped at the end. The steps run one after another:
// the n8n step beside the others was measured no faster (its real n8n and they share two cores).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { delimiter, dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { toolPaths } from './n8n/tool-paths.mjs';
import { toolPath } from './runtimes/tools.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// Children get absolute PATH entries: a relative ./node_modules/.bin (as `pnpm exec` adds) is
// resolved by turbo inside each package folder, where it does not exist.
process.env.PATH = (process.env.PATH ?? '')
  .split(delimiter)
  .map((entry) => (entry === '' || isAbsolute(entry) ? entry : resolve(entry)))
  .join(delimiter);
const out = join(root, 'out');
mkdirSync(out, { recursive: true });

/** @type {{ name: string, ok: boolean, seconds: number }[]} */
const steps = [];
function step(name, command, args, options = {}) {
  console.log(`\n▶ ${name}: ${[command, ...args].join(' ')}`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  const ok = result.status === 0;
  steps.push({ name, ok, seconds: Math.round((Date.now() - started) / 100) / 10 });
  if (!ok) console.error(`✖ ${name} failed (exit ${result.status ?? result.signal})`);
  return ok;
}

// Real Redis, PostgreSQL and Chromium come from Debian's packages; each script does nothing when present.
step('system packages (redis-server, postgresql, chromium)', 'bash', [
  '-c',
  'bash scripts/redis/ensure-redis-server.sh && bash scripts/postgres/ensure-postgres-server.sh >/dev/null && bash .ci/steps/chromium.sh',
]);
// Binaries by absolute path: `pnpm exec` would put a relative ./node_modules/.bin on PATH, which
// turbo then resolves inside each package folder.
const bin = (name) => join(root, 'node_modules', '.bin', name);
// Runtimes only the tests use, fetched once into ~/.cache/zen-leads (not by `pnpm install`): Bun,
// Deno, Node 22 and better-sqlite3 built for this Node (scripts/runtimes), Node 24 (scripts/n8n).
step('runtimes for the tests (cached): Bun, Deno, Node 22, Node 24, better-sqlite3 for this Node', 'bash', [
  '-c',
  'node scripts/runtimes/tools.mjs install bun deno node22 better-sqlite3 >/dev/null && bash scripts/n8n/install-n8n.sh node',
]);
// Bun and Deno by name for every step that calls them (their npm .bin folders hold nothing else).
process.env.PATH = [dirname(toolPath('bun')), dirname(toolPath('deno')), process.env.PATH].join(delimiter);
const built = step('build', bin('turbo'), ['run', 'build', '--output-logs=errors-only']);
/** One vitest run per Node: every project on this machine's, the SQLite files on Node 24. */
const reports = [];
function vitest(name, node, args) {
  const report = join(out, `vitest-${reports.length + 1}.json`);
  reports.push({ name, report });
  return step(name, node, [join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', ...args, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`]);
}
/**
 * One PostgreSQL cluster for every vitest run (the history's PostgreSQL tests and the CLI's
 * replicas test), started once here and stopped at the end; a failed start fails the step and
 * the tests that need it (their global setup tries again and reports why), never a silent skip.
 */
function startPostgres() {
  const started = Date.now();
  console.log('\n▶ PostgreSQL for the tests: bash scripts/postgres/start-postgres-server.sh');
  try {
    const out = execFileSync('bash', ['scripts/postgres/start-postgres-server.sh'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    const vars = Object.fromEntries(out.trim().split('\n').map((line) => line.split('=', 2)));
    process.env.ZEN_TEST_POSTGRES_URL = vars.POSTGRES_URL;
    // Stopped however this script ends (process.exit included), so no cluster outlives the run.
    process.on('exit', () => spawnSync('bash', ['scripts/postgres/stop-postgres-server.sh', vars.POSTGRES_DIR], { cwd: root, stdio: 'inherit' }));
    steps.push({ name: 'PostgreSQL for the tests', ok: true, seconds: Math.round((Date.now() - started) / 100) / 10 });
  } catch {
    steps.push({ name: 'PostgreSQL for the tests', ok: false, seconds: Math.round((Date.now() - started) / 100) / 10 });
    console.error('✖ PostgreSQL for the tests failed to start');
  }
}
if (built) startPostgres();
if (built) {
  // Everything is built: no later step or test setup runs turbo again (each run costs seconds, and a
  // cache hit rewrites dist/ under whatever reads it).
  process.env.ZEN_BUILT = '1';
  step('typecheck', bin('turbo'), ['run', 'typecheck', '--output-logs=errors-only']);
  step('code shape: files ≤ 400 lines, functions ≤ 60', process.execPath, ['scripts/check-code-shape.mjs']);
  // Again on Node 24 only the files that open a SQLite history (there node:sqlite; on Node 20, the
  // cached better-sqlite3) and the CLI's help and version, whose stderr must stay empty where
  // node:sqlite exists (no experimental warning). The rest is runtime-agnostic, and
  // tests/packed-install runs the packed packages on Node 20, 22 and 24 already.
  vitest('vitest (the SQLite paths of history and cli) on Node 24', toolPaths().node24, [
    '--project', 'history', '--project', 'cli',
    'packages/history/test/backfill', 'packages/history/test/empty-day', 'packages/history/test/sqlite-history', 'packages/history/test/sqlite-snapshots',
    'packages/cli/test/help-and-version', 'packages/cli/test/backfill-command',
  ]);
  vitest(`vitest (every package and app) on Node ${process.versions.node}`, process.execPath, []);
  step('n8n package: lint, verification scan, end-to-end in a real n8n', 'bash', ['.ci/steps/n8n.sh']);
  step('runtimes: core smoke suite under bun test and deno test, publish checks', 'bash', ['.ci/steps/runtimes.sh']);
}

let passed = 0;
let failed = 0;
const perRun = [];
for (const { name, report } of reports) {
  if (!existsSync(report)) continue;
  const json = JSON.parse(readFileSync(report, 'utf8'));
  passed += json.numPassedTests ?? 0;
  failed += json.numFailedTests ?? 0;
  perRun.push(`  ${name}: ${json.numPassedTests ?? 0} passed, ${json.numFailedTests ?? 0} failed`);
}
console.log('\nSteps:');
for (const s of steps) console.log(`  ${s.ok ? '✔' : '✖'} ${s.name} (${s.seconds}s)`);
const failedSteps = steps.filter((s) => !s.ok).length;
console.log(`\nTests by run:\n${perRun.join('\n')}`);
console.log(`\nvitest: ${passed} passed, ${failed} failed`);
console.log(`steps: ${steps.length - failedSteps} passed, ${failedSteps} failed`);
process.exit(failed === 0 && failedSteps === 0 ? 0 : 1);

#!/usr/bin/env node
// The whole test suite, as `pnpm test` runs it (README command 2, and CI through .ci/run):
// system packages the real parts need, the build, every vitest project, the n8n package inside a
// real n8n, and the publish and size checks. Ends with one "N passed, N failed" line.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { delimiter, dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

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

// Real Redis and Chromium come from Debian's packages; each script does nothing when present.
step('system packages (redis-server, chromium)', 'bash', ['-c', 'bash scripts/redis/ensure-redis-server.sh && bash .ci/steps/chromium.sh']);
// Binaries by absolute path: `pnpm exec` would put a relative ./node_modules/.bin on PATH, which
// turbo then resolves inside each package folder.
const bin = (name) => join(root, 'node_modules', '.bin', name);
const built = step('build', bin('turbo'), ['run', 'build', '--output-logs=errors-only']);
const report = join(out, 'vitest-report.json');
if (built) {
  step('typecheck', bin('turbo'), ['run', 'typecheck', '--output-logs=errors-only']);
  step('vitest (every package and app)', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`]);
  step('n8n package: lint, verification scan, end-to-end in a real n8n', 'bash', ['.ci/steps/n8n.sh']);
  step('runtimes: core smoke suite under bun test and deno test, publish checks, size budget', 'bash', ['.ci/steps/runtimes.sh']);
}

let passed = 0;
let failed = 0;
if (existsSync(report)) {
  const json = JSON.parse(readFileSync(report, 'utf8'));
  passed += json.numPassedTests ?? 0;
  failed += json.numFailedTests ?? 0;
}
console.log('\nSteps:');
for (const s of steps) console.log(`  ${s.ok ? '✔' : '✖'} ${s.name} (${s.seconds}s)`);
const failedSteps = steps.filter((s) => !s.ok).length;
console.log(`\nvitest: ${passed} passed, ${failed} failed`);
console.log(`steps: ${steps.length - failedSteps} passed, ${failedSteps} failed`);
process.exit(failed === 0 && failedSteps === 0 ? 0 : 1);

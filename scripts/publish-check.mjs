#!/usr/bin/env node
/**
 * Everything a release would trip over, checked without publishing anything (CI runs this):
 *   1. the manifest rules we publish by (ESM with types, exports, files, engines, sideEffects,
 *      public access with provenance) and jsr.json in step with package.json;
 *   2. publint --strict on each package as packed;
 *   3. @arethetypeswrong/cli --profile esm-only on each packed tarball;
 *   4. `deno publish --dry-run` over the JSR workspace: type check and no slow types.
 * Builds the packages first (turbo: cached when nothing changed).
 *
 *   node scripts/publish-check.mjs            (root: pnpm publish-check)
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { jsrWorkspaceConfig, publishablePackages, repoRoot } from './publishable-packages.mjs';
import { installTool } from './runtimes/tools.mjs';

const bin = (name) => join(repoRoot, 'node_modules', '.bin', name);
// Deno from the tools cache (fetched on first use; `pnpm install` does not bring it).
const denoBinary = installTool('deno');

const failures = [];
const packages = publishablePackages();

function run(label, command, args, options = {}) {
  console.log(`\n▶ ${label}`);
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: repoRoot, ...options });
  if (result.status !== 0) failures.push(`${label} (exit ${result.status ?? result.signal})`);
}

function checkManifest({ dir, manifest, jsr }) {
  const problems = [];
  const expect = (ok, message) => ok || problems.push(message);
  expect(manifest.type === 'module', 'type must be "module"');
  expect(manifest.sideEffects === false, 'sideEffects must be false');
  expect(typeof manifest.engines?.node === 'string', 'engines.node is missing');
  expect(manifest.private !== true, 'a publishable package cannot be private');
  expect(Array.isArray(manifest.files) && manifest.files.includes('dist'), 'files must include dist');
  expect(manifest.publishConfig?.access === 'public', 'publishConfig.access must be "public"');
  expect(manifest.publishConfig?.provenance === true, 'publishConfig.provenance must be true');
  expect(typeof manifest.license === 'string', 'license is missing');
  const exportsMap = manifest.exports ?? {};
  const entries = Object.keys(exportsMap).filter((key) => key !== './package.json');
  expect(entries.includes('.'), 'exports has no "." entry');
  for (const key of entries) {
    const conditions = Object.keys(exportsMap[key] ?? {});
    expect(conditions[0] === 'types', `exports["${key}"]: "types" must come first`);
    expect(conditions.at(-1) === 'default', `exports["${key}"]: "default" must come last`);
  }
  for (const [name, range] of Object.entries(manifest.dependencies ?? {})) {
    // pnpm rewrites workspace: ranges when it packs; anything else must be a real range.
    expect(typeof range === 'string' && range !== '' && !range.startsWith('file:') && !range.startsWith('link:'), `dependency ${name} has range ${range}`);
  }
  if (!jsr) {
    problems.push('jsr.json is missing');
  } else {
    expect(jsr.name === manifest.name, `jsr.json name ${jsr.name} ≠ ${manifest.name}`);
    expect(jsr.version === manifest.version, `jsr.json version ${jsr.version} ≠ package.json ${manifest.version} (run node scripts/sync-jsr-version.mjs)`);
    const jsrEntries = Object.keys(jsr.exports ?? {}).sort();
    const npmEntries = [...entries].sort();
    // The cli also exports its bin to JSR (`deno run jsr:@zen-leads/cli/bin`).
    const extraJsr = jsrEntries.filter((key) => !npmEntries.includes(key) && key !== './bin');
    const missingJsr = npmEntries.filter((key) => !jsrEntries.includes(key));
    expect(extraJsr.length === 0 && missingJsr.length === 0, `jsr.json exports ${jsrEntries.join(', ')} ≠ package.json exports ${npmEntries.join(', ')}`);
  }
  console.log(problems.length === 0 ? `  ${dir}: manifest ok` : problems.map((p) => `  ${dir}: ${p}`).join('\n'));
  if (problems.length > 0) failures.push(`${dir}: manifest (${problems.length} problem(s))`);
}

console.log(`Publishable packages: ${packages.map((p) => p.manifest.name).join(', ')}`);

// ZEN_BUILT=1: the test command built everything already (a cache hit would rewrite dist/).
if (process.env.ZEN_BUILT !== '1') run('build', bin('turbo'), ['run', 'build', '--output-logs=errors-only', ...packages.map((p) => `--filter=${p.manifest.name}`)]);

console.log('\n▶ manifests and jsr.json');
for (const pkg of packages) checkManifest(pkg);

for (const pkg of packages) {
  const cwd = join(repoRoot, pkg.dir);
  run(`publint ${pkg.manifest.name}`, bin('publint'), ['--strict'], { cwd });
  run(`attw ${pkg.manifest.name}`, bin('attw'), ['--pack', '.', '--profile', 'esm-only', '--format', 'table-flipped'], { cwd });
}

run('deno publish --dry-run (JSR workspace)', denoBinary, ['publish', '--dry-run', '--allow-dirty', '--config', jsrWorkspaceConfig], {
  env: { ...process.env, DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' },
});

if (failures.length > 0) {
  console.error(`\n✗ publish check failed:\n  ${failures.join('\n  ')}`);
  process.exit(1);
}
console.log(`\n✓ publish check passed for ${packages.length} packages (npm: publint, attw esm-only; JSR: dry run, no slow types)`);

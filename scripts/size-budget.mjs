#!/usr/bin/env node
/**
 * The size budget of @zen-leads/core's main entry as an application bundles it: the built
 * `dist` plus its dependencies (ofetch, zod…), bundled and minified by esbuild for the browser
 * and for a neutral platform (Deno, workers), then compressed with brotli. Fails past the budget.
 *
 *   node scripts/size-budget.mjs            (root: pnpm size)
 *   node scripts/size-budget.mjs --json     machine-readable figures on stdout
 *
 * The whole entry is measured (`export *`), not one function: that is what a user who imports
 * the package without tree-shaking pays, and it is the larger figure. What loads eagerly is
 * gated; the zod chunk behind a dynamic import (malformed responses only) is reported beside it.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { repoRoot } from './publishable-packages.mjs';

/** 12 kB (1 kB = 1000 bytes), brotli, dependencies included. */
export const CORE_BUDGET_BYTES = 12_000;

const jsonOutput = process.argv.includes('--json');
const log = jsonOutput ? () => {} : console.log;

const built = spawnSync(join(repoRoot, 'node_modules', '.bin', 'turbo'), ['run', 'build', '--output-logs=errors-only', '--filter=@zen-leads/core'], {
  cwd: repoRoot,
  stdio: jsonOutput ? 'ignore' : 'inherit',
});
if (built.status !== 0) {
  console.error('size budget: building @zen-leads/core failed');
  process.exit(1);
}

const PLATFORMS = {
  browser: { platform: 'browser' },
  neutral: { platform: 'neutral', mainFields: ['module', 'main'], conditions: ['import', 'default'] },
};

/**
 * Bundles with code splitting, as applications do, and counts what loads eagerly: the entry
 * chunk and every chunk it imports statically. Chunks behind a dynamic `import()` (the zod
 * schema, loaded only when a response is malformed) are reported apart as `lazy`.
 */
async function measure(entrySource, platform) {
  const result = await build({
    stdin: { contents: entrySource, resolveDir: join(repoRoot, 'packages', 'core'), loader: 'js', sourcefile: 'entry.js' },
    bundle: true,
    splitting: true,
    outdir: join(repoRoot, 'out', 'size-budget'),
    minify: true,
    format: 'esm',
    target: 'es2022',
    legalComments: 'none',
    write: false,
    metafile: true,
    logLevel: 'error',
    ...PLATFORMS[platform],
  });
  const outputs = result.metafile.outputs;
  const relative = (file) => Object.keys(outputs).find((key) => file.endsWith(key));
  const contents = new Map(result.outputFiles.map((file) => [relative(file.path), file.contents]));
  const entry = Object.keys(outputs).find((key) => outputs[key].entryPoint !== undefined);
  const eager = new Set();
  const visit = (key) => {
    if (eager.has(key)) return;
    eager.add(key);
    for (const imported of outputs[key].imports) if (imported.kind === 'import-statement' && outputs[imported.path]) visit(imported.path);
  };
  visit(entry);
  const concat = (keys) => Buffer.concat(keys.map((key) => Buffer.from(contents.get(key))));
  const eagerCode = concat([...eager]);
  const lazyCode = concat(Object.keys(outputs).filter((key) => !eager.has(key) && key.endsWith('.js')));
  const byPackage = {};
  for (const key of eager) {
    for (const [path, { bytesInOutput }] of Object.entries(outputs[key].inputs)) {
      const name = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1] ?? '@zen-leads/core';
      byPackage[name] = (byPackage[name] ?? 0) + bytesInOutput;
    }
  }
  const brotli = (code) => brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  return {
    minified: eagerCode.length,
    gzip: gzipSync(eagerCode, { level: 9 }).length,
    brotli: brotli(eagerCode),
    lazyBrotli: lazyCode.length === 0 ? 0 : brotli(lazyCode),
    minifiedByPackage: byPackage,
  };
}

const ENTRIES = {
  'whole main entry (export * from "@zen-leads/core")': "export * from './dist/index.js';",
  'createZenClient only': "export { createZenClient } from './dist/index.js';",
};

const figures = [];
for (const [label, source] of Object.entries(ENTRIES)) {
  for (const platform of Object.keys(PLATFORMS)) {
    figures.push({ entry: label, platform, ...(await measure(source, platform)) });
  }
}

const kB = (bytes) => `${(bytes / 1000).toFixed(2)} kB`;
const gated = figures.filter((f) => f.entry.startsWith('whole'));
const worst = Math.max(...gated.map((f) => f.brotli));
const passed = worst <= CORE_BUDGET_BYTES;

if (jsonOutput) {
  console.log(JSON.stringify({ budgetBytes: CORE_BUDGET_BYTES, worstBrotliBytes: worst, passed, figures }, null, 2));
} else {
  log('\n@zen-leads/core, bundled + minified with esbuild (es2022), sizes in kB = 1000 bytes:');
  for (const f of figures) {
    log(`  ${f.entry.padEnd(52)} ${f.platform.padEnd(8)} min ${kB(f.minified).padStart(9)}  gzip ${kB(f.gzip).padStart(8)}  brotli ${kB(f.brotli).padStart(8)}  (+ lazy ${kB(f.lazyBrotli)} brotli)`);
  }
  const parts = Object.entries(gated[0].minifiedByPackage).sort((a, b) => b[1] - a[1]);
  log(`  lazy: the zod schema, loaded by a dynamic import only when a response is malformed`);
  log(`  minified share of the whole entry (eager): ${parts.map(([name, bytes]) => `${name} ${kB(bytes)}`).join(', ')}`);
  log(`\nbudget: ${kB(CORE_BUDGET_BYTES)} brotli (whole entry, worst platform): ${kB(worst)} → ${passed ? 'within budget' : 'OVER BUDGET'}`);
}
if (!passed) process.exit(1);

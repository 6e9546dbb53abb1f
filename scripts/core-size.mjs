#!/usr/bin/env node
/**
 * How big @zen-leads/core's main entry is as an application bundles it (the built `dist` plus
 * ofetch and zod, bundled and minified by esbuild, then gzip and brotli). Reported, not gated:
 * the toolkit runs on servers, crons and n8n, where a few kilobytes do not matter.
 *
 *   node scripts/core-size.mjs       (root: pnpm size)
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { repoRoot } from './publishable-packages.mjs';

const built = spawnSync(join(repoRoot, 'node_modules', '.bin', 'turbo'), ['run', 'build', '--output-logs=errors-only', '--filter=@zen-leads/core'], { cwd: repoRoot, stdio: 'inherit' });
if (built.status !== 0) process.exit(1);

const result = await build({
  stdin: { contents: "export * from './dist/index.js';", resolveDir: join(repoRoot, 'packages', 'core'), loader: 'js', sourcefile: 'entry.js' },
  bundle: true,
  minify: true,
  format: 'esm',
  target: 'es2022',
  platform: 'neutral',
  mainFields: ['module', 'main'],
  conditions: ['import', 'default'],
  legalComments: 'none',
  write: false,
  logLevel: 'error',
});
const code = result.outputFiles[0].contents;
const kB = (bytes) => `${(bytes / 1000).toFixed(2)} kB`;
const brotli = brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
console.log(`@zen-leads/core main entry, bundled with its dependencies: minified ${kB(code.length)}, gzip ${kB(gzipSync(code, { level: 9 }).length)}, brotli ${kB(brotli)}`);

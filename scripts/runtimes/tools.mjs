#!/usr/bin/env node
// The runtimes the tests use but an install should not fetch: Bun, Deno, Node 22 (the one Node
// whose node:sqlite still prints an ExperimentalWarning) and better-sqlite3 built for this Node
// (SQLite on Node 20). Each is an npm package installed once into its own versioned folder of the
// tools cache (~/.cache/zen-leads, as scripts/n8n does for Node 24 and n8n) and reused after.
//
//   node scripts/runtimes/tools.mjs install bun deno    # idempotent; progress on stderr
//   node scripts/runtimes/tools.mjs which bun           # the binary, or exit 1 saying how to get it
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The tools cache; ZEN_CACHE_DIR moves it, as in scripts/n8n/paths.sh. */
export const toolsCache = process.env.ZEN_CACHE_DIR || join(homedir(), '.cache', 'zen-leads');

// Exact versions: a test run today and one next month use the same binaries.
const TOOLS = {
  bun: { spec: 'bun@1.4.5', folder: 'bun-1.4.5', binary: 'node_modules/.bin/bun' },
  deno: { spec: 'deno@2.9.6', folder: 'deno-2.9.6', binary: 'node_modules/.bin/deno' },
  node22: { spec: 'node@22.23.3', folder: 'node-22.23.3', binary: 'node_modules/node/bin/node' },
  // A native module: one build per Node ABI. Version 13 needs Node 22 (it crashes on Node 20).
  'better-sqlite3': {
    spec: 'better-sqlite3@12.11.1',
    folder: `better-sqlite3-12.11.1-node-abi${process.versions.modules}`,
    binary: 'node_modules/better-sqlite3/build/Release/better_sqlite3.node',
  },
};

/** @typedef {keyof typeof TOOLS} ToolName */
export const TOOL_NAMES = /** @type {ToolName[]} */ (Object.keys(TOOLS));

const installCommand = (names) => `node scripts/runtimes/tools.mjs install ${names.join(' ')}`;

/** Where the tool's files live (its npm prefix). */
export function toolFolder(/** @type {ToolName} */ name) {
  return join(toolsCache, TOOLS[name].folder);
}

/** The tool's binary (for better-sqlite3 its addon), whether or not it is installed. */
export function toolPath(/** @type {ToolName} */ name) {
  return join(toolFolder(name), TOOLS[name].binary);
}

/** The folder to put on NODE_PATH so that `require('better-sqlite3')` finds the cached build. */
export function betterSqlite3NodePath() {
  return join(toolFolder('better-sqlite3'), 'node_modules');
}

/** The tool's binary, or an error that says how to install it. */
export function requireTool(/** @type {ToolName} */ name) {
  const path = toolPath(name);
  if (existsSync(path)) return path;
  throw new Error(
    `${name} (${TOOLS[name].spec}) is not installed in the tools cache (${toolFolder(name)}). ` +
      `Run \`${installCommand([name])}\` once, or run the whole suite with \`pnpm test\`, which installs it.`,
  );
}

/** Installs the tool unless it is there: into a fresh folder, then moved into place in one rename. */
export function installTool(/** @type {ToolName} */ name) {
  if (existsSync(toolPath(name))) return toolPath(name);
  const { spec } = TOOLS[name];
  const staging = `${toolFolder(name)}.staging-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  writeFileSync(join(staging, 'package.json'), '{ "private": true }\n');
  console.error(`[tools] installing ${spec} into ${toolFolder(name)}`);
  // Install scripts must run: bun, deno and node link their platform binary, better-sqlite3 builds.
  const npm = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--no-save', '--prefix', staging, spec], { stdio: ['ignore', 2, 2] });
  if (npm.status !== 0 || !existsSync(join(staging, TOOLS[name].binary))) {
    rmSync(staging, { recursive: true, force: true });
    throw new Error(`installing ${spec} failed (npm exit ${npm.status ?? npm.signal}); see the npm output above.`);
  }
  try {
    renameSync(staging, toolFolder(name));
  } catch (error) {
    // Another run installed it meanwhile: keep theirs.
    rmSync(staging, { recursive: true, force: true });
    if (!existsSync(toolPath(name))) throw error;
  }
  return toolPath(name);
}

function main(argv) {
  const [command, ...names] = argv;
  const unknown = names.filter((name) => !TOOL_NAMES.includes(name));
  if (!['install', 'which'].includes(command) || names.length === 0 || unknown.length > 0) {
    console.error(`usage: node scripts/runtimes/tools.mjs install|which ${TOOL_NAMES.join('|')}...`);
    return 2;
  }
  try {
    for (const name of names) console.log(command === 'install' ? installTool(name) : requireTool(name));
    return 0;
  } catch (error) {
    console.error(`tools: ${error.message}`);
    return 1;
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exitCode = main(process.argv.slice(2));

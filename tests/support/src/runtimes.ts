/**
 * The runtimes the tests spawn, from the tools cache that the test command fills
 * (scripts/runtimes/tools.mjs; Node 24 from scripts/n8n). A test run outside `pnpm test` on a
 * machine without them fails here with the command that installs them, never skips.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { requireTool } from '../../../scripts/runtimes/tools.mjs';

/** The `bun` binary (npm package `bun`, cached). */
export function bunBinary(): string {
  return requireTool('bun');
}

/** The `deno` binary (npm package `deno`, cached). */
export function denoBinary(): string {
  return requireTool('deno');
}

/** Node 22.23: node:sqlite there still prints an ExperimentalWarning when loaded. */
export function node22Binary(): string {
  return requireTool('node22');
}

const n8nPaths = fileURLToPath(new URL('../../../scripts/n8n/paths.sh', import.meta.url));

/** Node 24 (npm package `node@24`, cached by scripts/n8n/install-n8n.sh). */
export function node24Binary(): string {
  const path = execFileSync('bash', ['-c', 'source "$1" && printf %s "$NODE24_BIN"', 'paths', n8nPaths], { encoding: 'utf8' });
  if (existsSync(path)) return path;
  throw new Error(`Node 24 is not installed in the tools cache (${path}). Run \`bash scripts/n8n/install-n8n.sh node\` once, or run the whole suite with \`pnpm test\`, which installs it.`);
}

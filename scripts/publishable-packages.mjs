/**
 * The packages published to npm and JSR, in dependency order. A package that does not exist yet
 * in this checkout is skipped, so the scripts work while the workspace grows.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The JSR workspace file: not named deno.json, so a plain `deno run` in the repo never picks it up. */
export const jsrWorkspaceConfig = join(repoRoot, 'jsr.workspace.json');

const PUBLISHABLE_DIRS = ['packages/core', 'packages/simulator', 'packages/redis', 'packages/history', 'packages/gateway', 'packages/cli'];

/** `{ dir, manifest, manifestPath, jsrPath, jsr }` for each publishable package present. */
export function publishablePackages() {
  return PUBLISHABLE_DIRS.filter((dir) => existsSync(join(repoRoot, dir, 'package.json'))).map((dir) => {
    const manifestPath = join(repoRoot, dir, 'package.json');
    const jsrPath = join(repoRoot, dir, 'jsr.json');
    return {
      dir,
      manifestPath,
      manifest: JSON.parse(readFileSync(manifestPath, 'utf8')),
      jsrPath,
      jsr: existsSync(jsrPath) ? JSON.parse(readFileSync(jsrPath, 'utf8')) : undefined,
    };
  });
}

import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The CLI tests spawn the real built bin, which loads the built core, simulator, history and (for
 * `--store redis://`) redis. Turbo builds them before `pnpm test`; when a package's `dist` is
 * missing or older than its `src` (a direct `vitest run` after an edit), it is rebuilt here,
 * dependencies first.
 */
const PACKAGES_IN_BUILD_ORDER = ['core', 'simulator', 'history', 'redis', 'cli'];
const packagesDir = fileURLToPath(new URL('../../', import.meta.url));
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

function newestMtime(dir: string): number {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

export default function setup(): void {
  for (const name of PACKAGES_IN_BUILD_ORDER) {
    const root = join(packagesDir, name);
    const built = newestMtime(join(root, 'dist'));
    if (built > 0 && built >= newestMtime(join(root, 'src'))) continue;
    execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
  }
}

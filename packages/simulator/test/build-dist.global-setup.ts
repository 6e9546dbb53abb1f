import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

function newestSourceMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = `${dir}/${entry.name}`;
    newest = Math.max(newest, entry.isDirectory() ? newestSourceMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function builtMtime(): number {
  try {
    return statSync(`${packageDir}/dist/bin.js`).mtimeMs;
  } catch {
    return 0;
  }
}

/** The bin and module-graph tests run `dist`: rebuild it when a source is newer than the build. */
export default function setup(): void {
  const sources = Math.max(newestSourceMtime(`${packageDir}/src`), statSync(`${packageDir}/tsconfig.build.json`).mtimeMs);
  if (builtMtime() >= sources) return;
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: packageDir, stdio: 'inherit' });
}

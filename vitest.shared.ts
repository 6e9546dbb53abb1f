import { delimiter, isAbsolute, resolve } from 'node:path';
import { defineProject, type UserWorkspaceConfig } from 'vitest/config';
import { betterSqlite3NodePath } from './scripts/runtimes/tools.mjs';

// `pnpm exec` puts a relative `./node_modules/.bin` first on PATH. Tools that tests spawn from
// another folder (turbo spawning pnpm in each package) would resolve it there and fail, so every
// entry is made absolute once, here, for the whole run.
process.env.PATH = (process.env.PATH ?? '')
  .split(delimiter)
  .map((entry) => (entry === '' || isAbsolute(entry) ? entry : resolve(entry)))
  .join(delimiter);

// Node < 22.13 has no node:sqlite: there SQLite histories use the optional better-sqlite3, which
// the test command builds once into the tools cache. NODE_PATH lets the test workers and the
// processes they spawn load it, exactly as a user's own install of it would be found.
const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 13)) {
  process.env.NODE_PATH = [betterSqlite3NodePath(), process.env.NODE_PATH].filter(Boolean).join(delimiter);
}

/**
 * The settings every package's tests share: workspace packages resolve to their TypeScript
 * sources (the `zen-source` export condition), so tests never run against a stale `dist`.
 */
export function zenProject(name: string, overrides: UserWorkspaceConfig['test'] = {}): UserWorkspaceConfig {
  const conditions = ['zen-source', 'module', 'node', 'import', 'default'];
  return defineProject({
    resolve: { conditions },
    ssr: { resolve: { conditions, externalConditions: ['zen-source'] } },
    test: {
      name,
      include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
      testTimeout: 20_000,
      ...overrides,
    },
  });
}

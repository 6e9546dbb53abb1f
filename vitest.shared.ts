import { delimiter, isAbsolute, resolve } from 'node:path';
import { defineProject, type UserWorkspaceConfig } from 'vitest/config';

// `pnpm exec` puts a relative `./node_modules/.bin` first on PATH. Tools that tests spawn from
// another folder (turbo spawning pnpm in each package) would resolve it there and fail, so every
// entry is made absolute once, here, for the whole run.
process.env.PATH = (process.env.PATH ?? '')
  .split(delimiter)
  .map((entry) => (entry === '' || isAbsolute(entry) ? entry : resolve(entry)))
  .join(delimiter);

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

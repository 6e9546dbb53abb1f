import { defineProject, type UserWorkspaceConfig } from 'vitest/config';

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

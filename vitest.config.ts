import { defineConfig } from 'vitest/config';

// One project per package, app and test suite; each keeps its own vitest.config.ts.
export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*', 'tests/*'],
  },
});

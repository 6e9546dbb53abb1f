import { defineConfig } from 'vitest/config';

// One project per package, app and test suite; each keeps its own vitest.config.ts.
//
// Workers: most test files wait on real time (windows of a second or two, processes starting,
// sockets), not on the CPU, so vitest's default of cores − 1 (one worker on a 2-core machine)
// leaves the machine idle. Four workers on two cores keep it busy; the CPU-bound files (the
// simulation's 10,000 seeds) run after the rest in a group of their own (tests/simulation's
// `sequence.groupOrder`), so they never slow a test that measures real time. ZEN_TEST_WORKERS
// (or --maxWorkers) picks another count.
export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*', 'tests/*'],
    maxWorkers: Number(process.env.ZEN_TEST_WORKERS ?? 4),
  },
});

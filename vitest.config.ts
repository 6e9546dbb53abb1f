import { defineConfig } from 'vitest/config';

// One project per package, app and test suite; each keeps its own vitest.config.ts.
//
// Workers: most test files wait on real time (windows of a second or two, processes starting,
// sockets), not on the CPU, so vitest's default of cores − 1 (one worker on a 2-core machine)
// leaves the machine idle. Four workers on two cores keep it busy. Two projects run after the
// rest, each in a group of its own (`sequence.groupOrder` in their configs): packages/redis, whose
// multi-process files measure real windows closely (one file at a time), then the CPU-bound
// simulation (two workers), so neither slows the other or a test that measures real time.
// ZEN_TEST_WORKERS picks another count for the first group.
export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*', 'tests/*'],
    maxWorkers: Number(process.env.ZEN_TEST_WORKERS ?? 4),
  },
});

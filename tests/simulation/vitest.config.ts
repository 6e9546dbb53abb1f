import { zenProject } from '../../vitest.shared.js';

export default zenProject('simulation', {
  // Seeds are split across a few test files' cases; each case runs thousands of seeds.
  testTimeout: 120_000,
  // All CPU, no waiting: last (groupOrder 2, after redis's real windows), on two workers, so
  // thousands of seeds never compete with a test that measures real time.
  sequence: { groupOrder: 2 },
  maxWorkers: 2,
});

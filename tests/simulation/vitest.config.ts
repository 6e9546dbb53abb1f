import { zenProject } from '../../vitest.shared.js';

export default zenProject('simulation', {
  // Seeds are split across a few test files' cases; each case runs thousands of seeds.
  testTimeout: 120_000,
  // All CPU, no waiting: after every other project (groupOrder 1), on two workers, so thousands of
  // seeds never compete with a test that measures real time.
  sequence: { groupOrder: 1 },
  maxWorkers: 2,
});

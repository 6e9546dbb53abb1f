import { zenProject } from '../../vitest.shared.js';

export default zenProject('simulation', {
  // Seeds are split across a few test files' cases; each case runs thousands of seeds.
  testTimeout: 120_000,
});

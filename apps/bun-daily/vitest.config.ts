import { zenProject } from '../../vitest.shared.js';

// The tests spawn the real Bun binary: give each run room on a busy 2-core machine.
export default zenProject('bun-daily', { testTimeout: 60_000, globalSetup: ['./test/build-packages.global-setup.ts'] });

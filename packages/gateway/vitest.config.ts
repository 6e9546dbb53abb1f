import { zenProject } from '../../vitest.shared.js';

// Some tests spawn gateways in child processes from the built packages, share a real redis-server,
// or drive Debian's Chromium: the global setups build dist and start the server.
export default zenProject('gateway', {
  globalSetup: ['test/support/build-dist.global-setup.ts', '@zen-leads/test-support/redis-server'],
  testTimeout: 60_000,
  hookTimeout: 120_000,
});

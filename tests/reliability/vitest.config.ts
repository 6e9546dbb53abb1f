import { zenProject } from '../../vitest.shared.js';

export default zenProject('reliability', {
  globalSetup: [
    // The CLI tests spawn the built bin and the node tests load the built n8n bundle: build them.
    'test/support/build-packages.global-setup.ts',
    // A real redis-server on a free loopback port (scripts/redis installs it when missing).
    'test/support/redis-server.global-setup.ts',
  ],
  // The soak test measures heap growth after forced collections.
  execArgv: ['--expose-gc'],
  testTimeout: 60_000,
  hookTimeout: 120_000,
});

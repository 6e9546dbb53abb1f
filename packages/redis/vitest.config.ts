import { zenProject } from '../../vitest.shared.js';

export default zenProject('redis', {
  globalSetup: [
    // A real redis-server on a free loopback port, started (and installed if missing) once per run.
    'test/redis-server.global-setup.ts',
    // The multi-process tests run the built packages in Node, Bun and Deno processes.
    'test/build-packages.global-setup.ts',
  ],
});

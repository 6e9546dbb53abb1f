import { zenProject } from '../../vitest.shared.js';

export default zenProject('redis', {
  globalSetup: [
    // A real redis-server on a free loopback port, started (and installed if missing) once per run.
    'test/redis-server.global-setup.ts',
    // The multi-process tests run the built packages in Node, Bun and Deno processes.
    'test/build-packages.global-setup.ts',
  ],
  // Each multi-process file starts three or four Node, Bun and Deno processes and then measures
  // real windows to a few hundred milliseconds: after the other projects (groupOrder 1), one file
  // at a time. Beside other test files on two cores, their processes answered up to 1.5 s late.
  sequence: { groupOrder: 1 },
  maxWorkers: 1,
});

import { zenProject } from '../../vitest.shared.js';

// The kill test spawns a backfill on the built packages: the global setup rebuilds a stale dist.
export default zenProject('history', { globalSetup: ['test/build-dist.global-setup.ts'] });

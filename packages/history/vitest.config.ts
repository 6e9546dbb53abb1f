import { zenProject } from '../../vitest.shared.js';

// The kill test spawns a backfill on the built packages: the global setup rebuilds a stale dist.
// The PostgreSQL tests get a real cluster (one for the run; `pnpm test` starts it for every project).
export default zenProject('history', {
  globalSetup: ['test/build-dist.global-setup.ts', '@zen-leads/test-support/postgres-server'],
});

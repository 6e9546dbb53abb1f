import { zenProject } from '../../vitest.shared.js';

// The CLI tests spawn the real built bin, so the build it runs must exist and be current.
// The PostgreSQL history tests get a real cluster (one for the run; `pnpm test` starts it for every project).
export default zenProject('cli', { globalSetup: ['./test/global-setup.ts', '@zen-leads/test-support/postgres-server'] });

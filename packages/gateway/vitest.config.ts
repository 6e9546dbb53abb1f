import { zenProject } from '../../vitest.shared.js';

// The Bun and Deno test loads the built package: the global setup builds dist first. (Replicas on
// a real Redis are tested through the CLI's `zen-leads serve`, in the cli project.)
export default zenProject('gateway', {
  globalSetup: ['test/support/build-dist.global-setup.ts'],
  testTimeout: 60_000,
  hookTimeout: 120_000,
});

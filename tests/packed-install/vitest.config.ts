import { zenProject } from '../../vitest.shared.js';

// Packing five packages and installing them with npm takes tens of seconds on a busy 2-core machine.
export default zenProject('packed-install', { testTimeout: 120_000, hookTimeout: 600_000 });

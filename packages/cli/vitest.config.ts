import { zenProject } from '../../vitest.shared.js';

// The CLI tests spawn the real built bin, so the build it runs must exist and be current.
export default zenProject('cli', { globalSetup: ['./test/global-setup.ts'] });

import { zenProject } from '../../vitest.shared.js';

// The bin and the module-graph checks run the built `dist`: the global setup rebuilds it when
// a source file is newer than the last build.
export default zenProject('simulator', { globalSetup: ['test/build-dist.global-setup.ts'] });

import { zenProject } from '../../vitest.shared.js';

// The end-to-end run against a real n8n (scripts/n8n/install-n8n.sh provides it). Run by
// .ci/steps/n8n.sh after the build, not by the unit-test projects: it needs the packed tarball.
export default zenProject('n8n-nodes-crm-zen-e2e', {
	include: ['e2e/**/*.e2e.test.mjs'],
	testTimeout: 180_000,
	hookTimeout: 180_000,
	fileParallelism: false,
});

import { zenProject } from '../../vitest.shared.js';

// Tests that use Node's own modules are .mjs: n8n-node lint holds every .ts file to n8n Cloud's rules.
export default zenProject('n8n-nodes-crm-zen', { include: ['test/**/*.test.ts', 'test/**/*.test.mjs'] });

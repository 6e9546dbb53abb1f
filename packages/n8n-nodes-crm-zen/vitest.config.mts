import { zenProject } from '../../vitest.shared.js';

export default zenProject('n8n-nodes-crm-zen');

import { zenProject } from '../../vitest.shared.js';

export default zenProject('daily-shared');

import { sleep } from 'n8n-workflow';

import type { Clock } from './zen-core';

/** Time inside n8n: `Date.now()` and n8n-workflow's abortable `sleep` (no timers of our own). */
export const n8nClock: Clock = {
	now: () => Date.now(),
	sleep: async (ms, signal) => await sleep(ms, signal),
};

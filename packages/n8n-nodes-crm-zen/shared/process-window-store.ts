import { MemoryStore } from './zen-core';

/**
 * The token windows and cached responses of this n8n process. Module state on purpose: every
 * execution of every CRM Zen node in the process shares it, so a second workflow (or a re-run
 * for a past day) waits for the window — or reads the cache — instead of drawing a 429. Keys
 * are hashes of URL and token (made by the core); the token itself is never stored.
 */
export const processWindowStore: MemoryStore = new MemoryStore({ now: () => Date.now() });

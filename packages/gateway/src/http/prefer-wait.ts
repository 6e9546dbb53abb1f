import { MAX_PREFER_WAIT_SECONDS } from '@zen-leads/core/internal';

/** The longest a client may ask to be held: the core's, since its clients ask the gateway for it. */
export { MAX_PREFER_WAIT_SECONDS };

/**
 * The `wait` preference of RFC 7240 (`Prefer: wait=60`, possibly among others:
 * `respond-async, wait=60`), in whole seconds capped at 600; 0 when absent or unreadable.
 */
export function preferredWaitSeconds(header: string | null | undefined): number {
  if (!header) return 0;
  for (const preference of header.split(',')) {
    const match = /^\s*wait\s*=\s*"?(\d{1,6})"?\s*(;.*)?$/i.exec(preference);
    if (match) return Math.min(MAX_PREFER_WAIT_SECONDS, Number(match[1]));
  }
  return 0;
}

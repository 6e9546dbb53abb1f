import type { RateLimitMessage } from './api-messages.js';

/** What a 429 response tells about how long to stay away. */
export interface RateLimitEvidence {
  message: RateLimitMessage;
  /** The response's `Date` header: the server's clock when it answered. */
  dateHeader: string | null;
  /** The response's `Retry-After` header, seconds or an HTTP date. */
  retryAfterHeader: string | null;
  /** The local clock when the response arrived. */
  now: number;
  /** The configured window, the fallback when the evidence is implausible. */
  windowMs: number;
}

/** The margin added to the server's next-available time: its message has one-second resolution. */
export const RATE_LIMIT_MARGIN_MS = 1_000;

/**
 * How long from now until the server accepts the token again. Server times are compared with the
 * server's own `Date` header, so the local clock's error does not enter. Implausible answers (a
 * server on another time zone, say) fall back to a full window.
 */
export function cooldownAfterRateLimit(evidence: RateLimitEvidence): number {
  const fallback = evidence.windowMs + RATE_LIMIT_MARGIN_MS;
  const plausible = (ms: number): boolean => Number.isFinite(ms) && ms >= -RATE_LIMIT_MARGIN_MS && ms <= evidence.windowMs + 60_000;

  const retryAfter = retryAfterMs(evidence.retryAfterHeader, evidence.dateHeader, evidence.now);
  if (retryAfter !== undefined && plausible(retryAfter)) return Math.max(0, retryAfter) + RATE_LIMIT_MARGIN_MS;

  const next = evidence.message.nextAvailableAt?.getTime();
  if (next !== undefined) {
    const remaining = next - serverNow(evidence.dateHeader, evidence.now);
    if (plausible(remaining)) return Math.max(0, remaining) + RATE_LIMIT_MARGIN_MS;
  }
  return fallback;
}

/**
 * The server's clock when it answered. `Date` has one-second resolution: when our clock reads
 * within that second, the clocks agree and ours is the precise one; otherwise (a skewed machine)
 * the middle of the header's second is the best guess, off by half a second at most.
 */
function serverNow(dateHeader: string | null, now: number): number {
  const date = dateHeader ? Date.parse(dateHeader) : Number.NaN;
  if (!Number.isFinite(date)) return now;
  return now >= date && now < date + 1_000 ? now : date + 500;
}

/** `Retry-After` as milliseconds: delta-seconds or an HTTP date (measured against the server's `Date`). */
export function retryAfterMs(header: string | null, dateHeader: string | null, now: number): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  if (!Number.isFinite(at)) return undefined;
  return at - serverNow(dateHeader, now);
}

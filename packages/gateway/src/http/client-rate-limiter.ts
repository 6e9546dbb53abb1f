import { GatewayConfigError } from '../gateway-options.js';

/** `requests` per `perMs` for each client key, with bursts up to `requests`. */
export interface ClientRateLimit {
  requests: number;
  perMs: number;
}

/** Ten requests a second per key on average, bursts of 600: far above any honest tool. */
export const DEFAULT_CLIENT_RATE_LIMIT: ClientRateLimit = { requests: 600, perMs: 60_000 };

/** A refusal: when this key last got through, and when it may again. */
export interface RateRefusal {
  lastAllowedAt: Date;
  retryAt: Date;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
  lastAllowedAt: number;
}

/**
 * A token bucket per client key (by key id, never the key). It protects the gateway from a
 * runaway client; the upstream's own window is the core's and the queue's business, not this.
 */
export class ClientRateLimiter {
  readonly #limit: ClientRateLimit;
  readonly #buckets = new Map<string, Bucket>();

  constructor(limit: ClientRateLimit = DEFAULT_CLIENT_RATE_LIMIT) {
    if (!(Number.isInteger(limit?.requests) && limit.requests > 0 && Number.isFinite(limit.perMs) && limit.perMs > 0)) {
      throw new GatewayConfigError('clientRateLimit', 'range', 'clientRateLimit needs a whole number of requests above 0 and a period above 0 ms.', 'Pass e.g. clientRateLimit: { requests: 600, perMs: 60000 }.');
    }
    this.#limit = limit;
  }

  /** Takes one request from the key's bucket; undefined when allowed. */
  take(keyId: string, now: number = Date.now()): RateRefusal | undefined {
    const { requests, perMs } = this.#limit;
    const bucket = this.#buckets.get(keyId) ?? { tokens: requests, updatedAt: now, lastAllowedAt: now };
    bucket.tokens = Math.min(requests, bucket.tokens + ((now - bucket.updatedAt) * requests) / perMs);
    bucket.updatedAt = now;
    this.#buckets.set(keyId, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      bucket.lastAllowedAt = now;
      return undefined;
    }
    const waitMs = ((1 - bucket.tokens) * perMs) / requests;
    return { lastAllowedAt: new Date(bucket.lastAllowedAt), retryAt: new Date(now + waitMs) };
  }
}

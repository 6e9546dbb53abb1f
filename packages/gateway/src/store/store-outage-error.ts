const STORE_OUTAGE_BRAND: unique symbol = Symbol.for('zen-leads.gateway.store-outage-error') as never;

/**
 * The gateway's own store (the token's shared window and the cache) did not answer. Nothing was
 * sent upstream: without the shared window the gateway fails closed. Not the CRM's fault, so the
 * routes answer 503 naming the store (`storeOutageResponse`), never a 5xx that blames the API.
 */
export class StoreOutageError extends Error {
  override name: string = 'StoreOutageError';
  readonly code = 'store-unavailable';
  /** What the store is, for people: "Redis", "FileStore"… (never a URL or a password). */
  readonly store: string;
  /** When the outage began. */
  readonly since: Date;

  constructor(store: string, since: Date, cause?: unknown) {
    super(`the gateway's store (${store}) is unreachable since ${since.toISOString()}; retry in a few seconds.`, { cause });
    this.store = store;
    this.since = since;
    Object.defineProperty(this, STORE_OUTAGE_BRAND, { value: true });
  }
}

/** True for a `StoreOutageError` (from any copy of this package). */
export function isStoreOutage(value: unknown): value is StoreOutageError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[STORE_OUTAGE_BRAND] === true;
}

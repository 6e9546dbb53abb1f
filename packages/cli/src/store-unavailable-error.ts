const STORE_UNAVAILABLE_BRAND: unique symbol = Symbol.for('zen-leads.cli.store-unavailable-error') as never;

/**
 * The store the guard and the cache live in (Redis, most likely) failed: unreachable, refused
 * the password, out of memory. Not a bug and not the API's fault; exits 5 like a network failure.
 * `store` is the redacted description (`redis://***@host:port/db`), never the password.
 */
export class StoreUnavailableError extends Error {
  override name: string = 'StoreUnavailableError';
  readonly store: string;

  /** `connectionError`: the connection's last error, which says more than the command's "max retries reached". */
  constructor(store: string, cause: unknown, connectionError?: Error) {
    const why = connectionError?.message ?? (cause instanceof Error ? cause.message : String(cause));
    super(`the store ${store} failed: ${why}`, { cause });
    this.store = store;
    Object.defineProperty(this, STORE_UNAVAILABLE_BRAND, { value: true });
  }
}

export function isStoreUnavailableError(value: unknown): value is StoreUnavailableError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[STORE_UNAVAILABLE_BRAND] === true;
}

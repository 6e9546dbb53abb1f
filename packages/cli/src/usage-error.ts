const USAGE_ERROR_BRAND: unique symbol = Symbol.for('zen-leads.cli.usage-error') as never;

/**
 * A mistake in how the command was called: an unknown option, a bad duration, a missing URL.
 * Caught before anything is sent; exits 2. The message says how to fix it.
 */
export class UsageError extends Error {
  override name: string = 'UsageError';

  constructor(message: string) {
    super(message);
    Object.defineProperty(this, USAGE_ERROR_BRAND, { value: true });
  }
}

export function isUsageError(value: unknown): value is UsageError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[USAGE_ERROR_BRAND] === true;
}

/**
 * Deno refusing a permission the run needs (`--allow-read` and friends): a usage problem with a
 * known fix, not a bug. Recognised by name, as Deno's error classes are not importable here.
 */
export function isRuntimePermissionError(value: unknown): value is Error {
  return value instanceof Error && (value.name === 'NotCapable' || value.name === 'PermissionDenied');
}

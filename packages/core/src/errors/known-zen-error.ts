import type { RateLimitedError } from './rate-limited-error.js';
import type { ZenAuthError } from './zen-auth-error.js';
import type { ZenBadRequestError } from './zen-bad-request-error.js';
import { isZenError, type ZenError } from './zen-error.js';
import type { ZenInputError } from './zen-input-error.js';
import type { ZenMethodError } from './zen-method-error.js';
import type { ZenNetworkError } from './zen-network-error.js';
import type { ZenResponseError } from './zen-response-error.js';
import type { ZenServerError } from './zen-server-error.js';

/**
 * Any error the client throws, discriminated by its literal `code`: `switch (error.code)` narrows
 * to the class that carries that code's fields (`field` of `ZEN_INPUT`, `retryAt` of
 * `ZEN_RATE_LIMITED`, …).
 */
export type KnownZenError =
  | ZenInputError
  | ZenAuthError
  | RateLimitedError
  | ZenNetworkError
  | ZenResponseError
  | ZenBadRequestError
  | ZenMethodError
  | ZenServerError
  | (ZenError & { readonly code: 'ZEN_ERROR' | 'ZEN_GATEWAY_CONFIG' });

/**
 * The Zen error `error` is, narrowed by code, or `undefined` for anything else. Codes, not
 * `instanceof`: an error from another copy of the package (a bundle, a worker) reads the same.
 *
 * @example
 * ```ts
 * const zenError = zenErrorOf(error);
 * if (zenError?.code === 'ZEN_RATE_LIMITED') console.log(zenError.retryAt);
 * ```
 */
export function zenErrorOf(error: unknown): KnownZenError | undefined {
  return isZenError(error) ? (error as KnownZenError) : undefined;
}

import type { RateLimitedError, ZenAuthError, ZenError, ZenInputError, ZenNetworkError, ZenResponseError } from '@zen-leads/core';

/*
 * Narrowing by the stable `code` rather than `instanceof`: history and the CLI may load two
 * copies of the core, and an error from either must read the same.
 */

export function isInputError(error: ZenError): error is ZenInputError {
  return error.code === 'ZEN_INPUT';
}

export function isAuthError(error: ZenError): error is ZenAuthError {
  return error.code === 'ZEN_AUTH';
}

export function isRateLimitedError(error: ZenError): error is RateLimitedError {
  return error.code === 'ZEN_RATE_LIMITED';
}

export function isNetworkError(error: ZenError): error is ZenNetworkError {
  return error.code === 'ZEN_NETWORK';
}

export function isResponseError(error: ZenError): error is ZenResponseError {
  return error.code === 'ZEN_RESPONSE';
}

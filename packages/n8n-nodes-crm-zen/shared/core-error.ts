import {
	isZenError,
	type RateLimitedError,
	type ZenAuthError,
	type ZenError,
	type ZenInputError,
	type ZenNetworkError,
	type ZenResponseError,
} from './zen-core';

/**
 * An error of the core, narrowed by its stable `code` to the class that carries that code's
 * fields (`field` and `reason` of an input error, `retryAt`, `source` and `windowMs` of a rate
 * limit, …). The hosts' texts are built from these fields, never from the library-worded
 * `message` or `hint`, which name options n8n users do not have.
 */
export type CoreError =
	| (ZenInputError & { readonly code: 'ZEN_INPUT' })
	| (ZenAuthError & { readonly code: 'ZEN_AUTH' })
	| (RateLimitedError & { readonly code: 'ZEN_RATE_LIMITED' })
	| (ZenNetworkError & { readonly code: 'ZEN_NETWORK' })
	| (ZenResponseError & { readonly code: 'ZEN_RESPONSE' })
	| (ZenError & { readonly code: 'ZEN_BAD_REQUEST' | 'ZEN_METHOD' | 'ZEN_SERVER' });

/** The core error `error` is, or `undefined` for anything else. */
export function coreErrorOf(error: unknown): CoreError | undefined {
	// Codes, not `instanceof`: the core's brand and codes hold across copies of it.
	return isZenError(error) ? (error as CoreError) : undefined;
}

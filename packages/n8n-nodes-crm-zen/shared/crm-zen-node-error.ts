import { NodeApiError, NodeOperationError, type INode, type JsonObject } from 'n8n-workflow';

import { formatSaoPauloDateTime, isZenError, type RateLimitedError, type ZenError } from './zen-core';

/**
 * An n8n error for anything the client threw. API answers become `NodeApiError`s with the HTTP
 * code and the API's own message; everything else a `NodeOperationError`. Built only from the
 * core error's JSON, which never holds the token.
 */
export function crmZenNodeError(node: INode, error: unknown, itemIndex?: number): NodeApiError | NodeOperationError {
	const at = itemIndex === undefined ? {} : { itemIndex };
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	if (!isZenError(error)) {
		return new NodeOperationError(node, error instanceof Error ? error : String(error), at);
	}
	const json = error.toJSON() as unknown as JsonObject;
	// Codes, not `instanceof`: they hold across copies of the core.
	if (error.code === 'ZEN_RATE_LIMITED') {
		const limited = error as RateLimitedError;
		const retryAt = new Date(limited.retryAt);
		const options = {
			...at,
			message: limited.message,
			description: `The next request for this token is possible at ${formatSaoPauloDateTime(retryAt)} (America/Sao_Paulo), in ${Math.ceil(limited.retryAfterMs / 1000)} s. Set "On Rate Limit" to "Wait" to ride it out.`,
			failure: { cause: 'rate-limited' as const, retryAfterMs: limited.retryAfterMs, resetsAtEpochMs: retryAt.getTime() },
		};
		// Our own guard refuses before sending: no HTTP code then.
		return limited.status === 429
			? new NodeApiError(node, json, { ...options, httpCode: '429' })
			: new NodeOperationError(node, limited.message, options);
	}
	if (error.code === 'ZEN_INPUT') {
		return new NodeOperationError(node, error.message, { ...at, failure: { cause: 'configuration-invalid' } });
	}
	if (error.status !== undefined) {
		return new NodeApiError(node, json, {
			...at,
			message: error.message,
			...(error.apiMessage ? { description: `CRM Zen says: ${error.apiMessage}` } : {}),
			httpCode: String(error.status),
			...failureFor(error),
		});
	}
	const temporary = error.code === 'ZEN_NETWORK';
	return new NodeOperationError(node, error.message, {
		...at,
		...(temporary ? { failure: { cause: 'temporarily-unavailable' as const } } : {}),
	});
}

function failureFor(error: ZenError): { failure?: NonNullable<ConstructorParameters<typeof NodeApiError>[2]>['failure'] } {
	if (error.status === 401) return { failure: { cause: 'credential-invalid' } };
	if (error.status !== undefined && error.status >= 500) return { failure: { cause: 'temporarily-unavailable' } };
	return {};
}

/** The JSON of an error item (continue on fail): the message plus the core's plain details. */
export function crmZenErrorJson(error: unknown): JsonObject {
	if (!isZenError(error)) return { error: error instanceof Error ? error.message : String(error) };
	const details = Object.entries(error.toJSON()).filter(([key]) => key !== 'name' && key !== 'message');
	return { error: error.message, ...(Object.fromEntries(details) as JsonObject) };
}

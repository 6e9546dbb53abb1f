import { NodeApiError, NodeOperationError, type INode, type JsonObject } from 'n8n-workflow';

import { coreErrorFacts } from './core-error-facts';
import { crmZenErrorText } from './crm-zen-error-text';
import type { CrmZenHost } from './crm-zen-host';
import { FieldError } from './field-error';
import { isZenError, type ZenError } from './zen-core';

type Failure = NonNullable<ConstructorParameters<typeof NodeApiError>[2]>['failure'];

/**
 * An n8n error for anything a CRM Zen call threw, worded for `host`. API answers become
 * `NodeApiError`s with the HTTP code; everything else a `NodeOperationError`. Built from the
 * error's structure, which never holds the token.
 */
export function crmZenNodeError(
	node: INode,
	error: unknown,
	host: CrmZenHost,
	itemIndex?: number,
): NodeApiError | NodeOperationError {
	const at = itemIndex === undefined ? {} : { itemIndex };
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	if (error instanceof FieldError) {
		return new NodeOperationError(node, error.problem, { ...at, description: error.hint, failure: { cause: 'configuration-invalid' } });
	}
	if (!isZenError(error)) return new NodeOperationError(node, error instanceof Error ? error : String(error), at);

	const { message, description } = crmZenErrorText(error, host);
	const failure = failureOf(error);
	const options = { ...at, message, description, ...(failure ? { failure } : {}) };
	// Codes, not `instanceof`: they hold across copies of the core.
	if (error.status === undefined) return new NodeOperationError(node, message, options);
	return new NodeApiError(node, crmZenErrorDetails(error), { ...options, httpCode: String(error.status) });
}

function failureOf(error: ZenError): Failure | undefined {
	const facts = coreErrorFacts(error);
	if (facts.code === 'ZEN_RATE_LIMITED' && facts.retryAt) {
		return { cause: 'rate-limited', retryAfterMs: facts.retryAfterMs ?? 0, resetsAtEpochMs: facts.retryAt.getTime() };
	}
	if (facts.code === 'ZEN_INPUT') return { cause: 'configuration-invalid' };
	if (facts.status === 401) return { cause: 'credential-invalid' };
	if (facts.code === 'ZEN_NETWORK' || (facts.status !== undefined && facts.status >= 500)) return { cause: 'temporarily-unavailable' };
	return undefined;
}

/**
 * The core error's plain details (code, status, the API's message, retry time …) without its
 * library-worded `message` and `hint`, which name options n8n users do not have.
 */
export function crmZenErrorDetails(error: ZenError): JsonObject {
	const omitted = new Set(['name', 'message', 'hint', 'problem']);
	return Object.fromEntries(Object.entries(error.toJSON()).filter(([key, value]) => !omitted.has(key) && value !== undefined)) as JsonObject;
}

/** The JSON of an error item (Continue On Fail): the node's own message and hint, then the details. */
export function crmZenErrorJson(error: unknown, host: CrmZenHost): JsonObject {
	if (error instanceof FieldError) return { error: error.problem, hint: error.hint, field: error.field };
	if (!isZenError(error)) return { error: error instanceof Error ? error.message : String(error) };
	const { message, description } = crmZenErrorText(error, host);
	return { error: message, hint: description, ...crmZenErrorDetails(error) };
}

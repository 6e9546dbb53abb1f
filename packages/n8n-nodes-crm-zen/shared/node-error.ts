import { NodeApiError, NodeOperationError, type INode, type JsonObject } from 'n8n-workflow';

import { crmZenErrorText, type CrmZenHost } from './error-text';
import { zenErrorOf, type ZenError } from './zen-core';

/**
 * A node or trigger parameter that cannot be used as set, found before anything is sent. The
 * node turns it into a `NodeOperationError` whose message is `problem` and whose description
 * is `hint`; both name the parameter as the editor shows it ("Date", "Max Wait (Minutes)").
 */
export class FieldError extends Error {
	override name = 'FieldError';

	constructor(
		/** The parameter's display name. */
		readonly field: string,
		/** What is wrong, one sentence. */
		readonly problem: string,
		/** How to fix it, naming the editor's fields. */
		readonly hint: string,
	) {
		super(problem);
	}
}

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
	const zenError = zenErrorOf(error);
	if (!zenError) return new NodeOperationError(node, error instanceof Error ? error : String(error), at);

	const { message, description, failure } = crmZenErrorText(zenError, host);
	const options = { ...at, message, description, ...(failure ? { failure } : {}) };
	const nodeError =
		zenError.status === undefined
			? new NodeOperationError(node, message, options)
			: new NodeApiError(node, crmZenErrorDetails(zenError), { ...options, httpCode: String(zenError.status) });
	// When to try again, for a Wait node's "Resume: At Specified Time" in an error branch loop.
	const retryAt = (zenError as { retryAt?: unknown }).retryAt;
	if (retryAt instanceof Date) nodeError.context.retryAt = retryAt.toISOString();
	return nodeError;
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
	const zenError = zenErrorOf(error);
	if (!zenError) return { error: error instanceof Error ? error.message : String(error) };
	const { message, description } = crmZenErrorText(zenError, host);
	return { error: message, hint: description, ...crmZenErrorDetails(zenError) };
}

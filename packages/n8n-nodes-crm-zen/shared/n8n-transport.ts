import type { IExecuteFunctions, IHttpRequestOptions, IPollFunctions } from 'n8n-workflow';

import { ZenNetworkError, type TransportRequest, type TransportResponse, type ZenTransport } from './zen-core';

/** The node contexts that may send requests with the package's credential. */
export type CrmZenRequestContext = IExecuteFunctions | IPollFunctions;

/** What n8n's helpers resolve to with `returnFullResponse` / `resolveWithFullResponse`. */
export interface FullResponse {
	statusCode: number;
	headers: Record<string, unknown>;
	body: unknown;
}

/** Sends one request with an n8n helper, resolving to the full response whatever its status. */
export type SendRequest = (request: TransportRequest) => Promise<FullResponse>;

/**
 * The core's transport on n8n's own HTTP stack: `httpRequestWithAuthentication` with the
 * `crmZenApi` credential, so n8n's proxy settings apply and the credential's `authenticate`
 * adds the token header.
 */
export function createN8nTransport(context: CrmZenRequestContext): ZenTransport {
	return transportOn(async (request) => {
		const options: IHttpRequestOptions = {
			method: 'GET',
			url: request.url,
			headers: withoutTokenHeader(request.headers),
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			json: false,
			encoding: 'text',
			timeout: request.timeoutMs,
		};
		return (await context.helpers.httpRequestWithAuthentication.call(context, 'crmZenApi', options)) as FullResponse;
	});
}

/**
 * A transport on any n8n request helper. Every status comes back as a response (the core maps
 * them); failures below HTTP become `ZenNetworkError`s that carry only a reason and a code, never
 * n8n's error object (its request config holds the headers, and so the token).
 */
export function transportOn(send: SendRequest): ZenTransport {
	return async (request: TransportRequest): Promise<TransportResponse> => {
		// n8n ties the request to the execution's cancel signal; the core's own signal (a caller
		// giving up) is honoured by settling early.
		const outcome = await settle(send(request), request.signal);
		if ('failure' in outcome) throw outcome.failure;
		const { statusCode, headers, body } = outcome.response;
		return {
			status: statusCode,
			headers: { get: (name: string) => headerValue(headers, name) },
			body: bodyText(body),
		};
	};
}

type Outcome = { response: FullResponse } | { failure: unknown };

async function settle(sending: Promise<FullResponse>, signal: AbortSignal | undefined): Promise<Outcome> {
	const answered = sending.then(
		(response): Outcome => ({ response }),
		(error: unknown): Outcome => ({ failure: networkFailure(error) }),
	);
	if (!signal) return await answered;
	if (signal.aborted) return { failure: signal.reason };
	let onAbort: (() => void) | undefined;
	const aborted = new Promise<Outcome>((resolve) => {
		onAbort = () => resolve({ failure: signal.reason });
		signal.addEventListener('abort', onAbort, { once: true });
	});
	try {
		return await Promise.race([answered, aborted]);
	} finally {
		if (onAbort) signal.removeEventListener('abort', onAbort);
	}
}

/** Reduces n8n's request error to what is safe to keep: a reason and the system error code. */
function networkFailure(error: unknown): ZenNetworkError {
	const code = errorCode(error);
	const timedOut = code === 'ECONNABORTED' || code === 'ETIMEDOUT' || code === 'ESOCKETTIMEDOUT';
	return new ZenNetworkError(
		timedOut
			? 'The CRM Zen API did not answer in time.'
			: `Could not reach the CRM Zen API${code ? ` (${code})` : ''}.`,
		timedOut ? 'timeout' : 'connection',
	);
}

function errorCode(error: unknown): string | undefined {
	// n8n wraps the HTTP client's error in a NodeApiError whose `cause` is the original.
	for (let current = error, depth = 0; current && typeof current === 'object' && depth < 4; depth++) {
		const code = (current as { code?: unknown }).code;
		if (typeof code === 'string' && /^E[A-Z_]+$/.test(code)) return code;
		current = (current as { cause?: unknown }).cause;
	}
	return undefined;
}

function withoutTokenHeader(headers: Record<string, string>): Record<string, string> {
	// The credential's `authenticate` sets the token; the transport never handles it.
	return Object.fromEntries(Object.entries(headers).filter(([name]) => name.toLowerCase() !== 'token'));
}

function headerValue(headers: Record<string, unknown>, name: string): string | null {
	const wanted = name.toLowerCase();
	for (const [key, value] of Object.entries(headers ?? {})) {
		if (key.toLowerCase() !== wanted) continue;
		if (Array.isArray(value)) return value.join(', ');
		return value === undefined || value === null ? null : String(value);
	}
	return null;
}

function bodyText(body: unknown): string {
	if (typeof body === 'string') return body;
	if (body instanceof Uint8Array) return new TextDecoder().decode(body);
	if (body instanceof ArrayBuffer) return new TextDecoder().decode(new Uint8Array(body));
	// A body the HTTP client parsed anyway goes back to JSON text for the core's one decoder.
	return body === undefined || body === null ? '' : JSON.stringify(body);
}

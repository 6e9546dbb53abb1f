import type { ICredentialTestFunctions, IExecuteFunctions, IHttpRequestOptions, IPollFunctions } from 'n8n-workflow';

import { abortable, isUnreachableCode, ZenNetworkError, ZenResponseError, type TransportRequest, type TransportResponse, type ZenTransport } from './zen-core';

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
 * The core's transport inside a credential test. n8n gives a credential-test method one HTTP
 * helper, the request-style `request` (n8n 2.41: `CredentialTestContext.helpers.request`, routed
 * through n8n's outbound HTTP client with its proxy settings); `httpRequest` does not exist
 * there, and no credential is attached, so the token header travels as the core sets it.
 */
export function createCredentialTestTransport(helpers: ICredentialTestFunctions['helpers']): ZenTransport {
	return transportOn(async (request) => {
		const options = {
			uri: request.url,
			method: 'GET',
			headers: request.headers,
			json: false,
			simple: false,
			resolveWithFullResponse: true,
			timeout: request.timeoutMs,
		};
		return (await helpers.request(options)) as FullResponse;
	});
}

/**
 * A transport on any n8n request helper. Every status comes back as a response (the core maps
 * them); failures below HTTP become `ZenNetworkError`s that carry only a reason and a code, never
 * n8n's error object (its request config holds the headers, and so the token).
 */
export function transportOn(send: SendRequest): ZenTransport {
	return async (request: TransportRequest): Promise<TransportResponse> => {
		const sending = send(request).catch((error: unknown) => {
			throw networkFailure(error);
		});
		// n8n ties the request to the execution's cancel signal; the core's own signal (a caller
		// giving up) is honoured by settling early.
		const { statusCode, headers, body } = request.signal ? await abortable(sending, request.signal) : await sending;
		const text = bodyText(body);
		// n8n's helper reads the whole body; the cap still keeps a runaway answer out of the items.
		if (text.length > request.maxBodyBytes) {
			throw new ZenResponseError(
				`The CRM Zen API's answer is larger than ${Math.round(request.maxBodyBytes / 1_048_576)} MiB; nothing was kept.`,
				"Check the credential's URL: no day of an account is that large.",
				{ reason: 'too-large' },
			);
		}
		return { status: statusCode, headers: { get: (name: string) => headerValue(headers, name) }, body: text };
	};
}

/** Reduces n8n's request error to what is safe to keep: a reason and the system error code. */
function networkFailure(error: unknown): ZenNetworkError {
	const code = errorCode(error);
	if (code === 'ECONNABORTED' || code === 'ETIMEDOUT' || code === 'ESOCKETTIMEDOUT') {
		return new ZenNetworkError('The CRM Zen API did not answer in time.', 'Raise the Timeout option if the API is slow today.', 'timeout');
	}
	return new ZenNetworkError(
		`Could not reach the CRM Zen API${code ? ` (${code})` : ''}.`,
		'Check the credential\'s URL and the network.',
		isUnreachableCode(code) ? 'unreachable' : 'connection',
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

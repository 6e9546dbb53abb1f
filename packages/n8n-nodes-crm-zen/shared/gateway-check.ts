import type { ICredentialTestFunctions } from 'n8n-workflow';

import type { CrmZenRequestContext, FullResponse } from './n8n-transport';
import { GATEWAY_HEADER, sha256Hex, type ResponseCache } from './zen-core';

/**
 * Whether a credential's URL is a `zen-leads serve` gateway, asked without the token: the
 * gateway's `/healthz` takes no key and answers with the `zen-gateway` header. The CRM Zen API
 * has no such route, and a request without a token costs nothing there.
 *
 * This is what lets "Allow Plain HTTP (Gateway On Your Own Network)" keep its promise: over
 * plain http the node sends its token (a gateway client key) only to a URL that answered as a
 * gateway; the real CRM token lives in the gateway, which speaks https upstream. Anyone able to
 * forge that answer on the network could read the client key anyway: that key, not the CRM token,
 * is what plain http risks, and a client key can be revoked at the gateway.
 */
export type PlainGet = (url: string) => Promise<FullResponse>;

/** A tokenless GET on n8n's HTTP stack (its proxy settings apply), inside an execution or poll. */
export function plainGetOf(context: CrmZenRequestContext): PlainGet {
	return async (url) =>
		(await context.helpers.httpRequest({
			method: 'GET',
			url,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			json: false,
			encoding: 'text',
			timeout: PROBE_TIMEOUT_MS,
		})) as FullResponse;
}

/** The same inside a credential test, whose one helper is the request-style `request`. */
export function plainGetInTest(helpers: ICredentialTestFunctions['helpers']): PlainGet {
	return async (url) =>
		(await helpers.request({ uri: url, method: 'GET', json: false, simple: false, resolveWithFullResponse: true, timeout: PROBE_TIMEOUT_MS })) as FullResponse;
}

const PROBE_TIMEOUT_MS = 10_000;
/** A gateway stays one for a day; a "no" is asked again after a minute (the gateway may be starting). */
const KNOWN_GATEWAY_MS = 86_400_000;
const NOT_A_GATEWAY_MS = 60_000;

/** The gateway's `/healthz` beside its `/api/totais_lead` (also under a proxy's path prefix). */
export function healthUrlOf(url: string): string {
	return new URL('../healthz', url).href;
}

/** True when the URL's `/healthz` answers as a gateway; remembered in `cache` (by URL hash). */
export async function isZenGateway(url: string, get: PlainGet, cache: ResponseCache): Promise<boolean> {
	const key = `gateway-probe-${await sha256Hex(url)}`;
	const known = await cache.get(key);
	if (known !== undefined) return known === '1';
	const answer = await get(healthUrlOf(url)).catch(() => undefined);
	const gateway = answer !== undefined && headerOf(answer.headers, GATEWAY_HEADER) !== undefined;
	await cache.set(key, gateway ? '1' : '0', gateway ? KNOWN_GATEWAY_MS : NOT_A_GATEWAY_MS);
	return gateway;
}

/** True for an `http:` URL (the only kind the switch is about). */
export function isPlainHttp(url: string): boolean {
	return URL.canParse(url) && new URL(url).protocol === 'http:';
}

function headerOf(headers: Record<string, unknown> | undefined, name: string): unknown {
	return Object.entries(headers ?? {}).find(([key]) => key.toLowerCase() === name)?.[1];
}

import type { ICredentialTestFunctions } from 'n8n-workflow';

import { transportOn, type FullResponse } from './n8n-transport';
import type { ZenTransport } from './zen-core';

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

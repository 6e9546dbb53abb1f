import type { ICredentialsDecrypted, ICredentialTestFunctions, INodeCredentialTestResult, INodeType } from 'n8n-workflow';

import { crmZenCredentialOf, crmZenDays } from './crm-zen-client';
import { crmZenErrorText } from './error-text';
import { createCredentialTestTransport } from './n8n-transport';
import { formatSaoPauloDateTime, yesterdayInSaoPaulo } from './zen-core';

/**
 * The `crmZenApi` credential's test (the nodes name it in `testedBy`). The API has no request
 * that is free of its 5-minute window, so the test asks for what a first run most likely wants,
 * yesterday in São Paulo, through the client every execution in this n8n process shares: the
 * answer lands in the shared cache and serves the first execution for that day without a
 * second request. It never waits: a window in use is reported with the time it frees.
 */
export async function testCrmZenCredential(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const settings = crmZenCredentialOf(credential.data);
	const date = yesterdayInSaoPaulo(Date.now());
	try {
		const days = crmZenDays(settings, createCredentialTestTransport(this.helpers), { onRateLimit: 'fail', maxWaitMs: 0 });
		const { totals, fromCache, fetchedAt } = await days.getDay(date);
		const users = totals.users.length;
		const when = ` at ${formatSaoPauloDateTime(fetchedAt).slice(11, 16)}`;
		return {
			status: 'OK',
			message: fromCache
				? `Connection successful: the totals of ${date} (${users} users) fetched earlier${when} are still kept; nothing was sent.`
				: `Connection successful: CRM Zen answered with the totals of ${date} (${users} users). They are kept, so the first run for ${date} needs no request.`,
		};
	} catch (error) {
		const { message, description } = crmZenErrorText(error, { kind: 'credential' });
		return { status: 'Error', message: `${message} ${description}` };
	}
}

/** The `methods` of every node that uses the credential: n8n runs its test through them. */
export const crmZenCredentialMethods: INodeType['methods'] = { credentialTest: { crmZenApiTest: testCrmZenCredential } };

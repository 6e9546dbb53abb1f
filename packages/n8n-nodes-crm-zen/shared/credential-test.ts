import type { ICredentialsDecrypted, ICredentialTestFunctions, INodeCredentialTestResult, INodeType } from 'n8n-workflow';

import { crmZenCredentialOf, crmZenDays, processCache, type CrmZenCredential } from './crm-zen-client';
import { crmZenErrorText } from './error-text';
import { isPlainHttp, isZenGateway, plainGetInTest, type PlainGet } from './gateway-check';
import { createCredentialTestTransport } from './n8n-transport';
import { formatSaoPauloDateTime, isLoopbackHost, sha256Hex, yesterdayInSaoPaulo } from './zen-core';

/** How long a successful test is remembered: n8n re-tests a credential each time it is opened. */
const TESTED_MEMORY_MS = 7 * 86_400_000;

/**
 * The `crmZenApi` credential's test (the nodes name it in `testedBy`). n8n runs it each time the
 * credential is opened, and the API has no request free of its 5-minute window, so:
 * - a success is remembered for URL + token (a hash, in the process's shared cache) and later
 *   tests answer from it, sending nothing;
 * - a gateway (its tokenless `/healthz` says so) is asked whether it knows the key, which spends
 *   nothing upstream;
 * - otherwise the one request asks for what a first run most likely wants, yesterday in São
 *   Paulo, kept in the shared cache for that run. It never waits: a window in use is reported
 *   with the time it frees.
 */
export async function testCrmZenCredential(this: ICredentialTestFunctions, credential: ICredentialsDecrypted): Promise<INodeCredentialTestResult> {
	const settings = crmZenCredentialOf(credential.data);
	const memoryKey = `credential-tested-${await sha256Hex(`${settings.url}\n${settings.token}\n${settings.allowInsecureHttp}`)}`;
	const remembered = await processCache.get(memoryKey);
	if (remembered !== undefined) return { status: 'OK', message: `${TEXT.remembered} ${formatSaoPauloDateTime(Number(remembered)).slice(0, 16)}; nothing was sent.` };
	const result = await firstTest(this.helpers, settings);
	if (result.status === 'OK') await processCache.set(memoryKey, String(Date.now()), TESTED_MEMORY_MS);
	return result;
}

async function firstTest(helpers: ICredentialTestFunctions['helpers'], settings: CrmZenCredential): Promise<INodeCredentialTestResult> {
	// A plain-http URL without the switch is the core's to refuse: nothing to ask.
	const refused = isPlainHttp(settings.url) && !settings.allowInsecureHttp && !isLoopbackHost(new URL(settings.url).hostname);
	const gateway = URL.canParse(settings.url) && !refused && (await isZenGateway(settings.url, plainGetInTest(helpers), processCache));
	if (gateway) return await gatewayTest(helpers, settings);
	if (settings.allowInsecureHttp && isPlainHttp(settings.url)) return { status: 'Error', message: TEXT.notAGateway };
	const date = yesterdayInSaoPaulo(Date.now());
	try {
		const days = crmZenDays(settings, createCredentialTestTransport(helpers), { onRateLimit: 'fail', maxWaitMs: 0 });
		const { totals, fromCache, fetchedAt } = await days.getDay(date);
		const users = totals.users.length;
		return {
			status: 'OK',
			message: fromCache
				? `Connection successful: the totals of ${date} (${users} users) fetched earlier at ${formatSaoPauloDateTime(fetchedAt).slice(11, 16)} are still kept; nothing was sent.`
				: `Connection successful: CRM Zen answered with the totals of ${date} (${users} users). This test used one request; they are kept, so the first run for ${date} needs none, and later tests of this credential send nothing.`,
		};
	} catch (error) {
		const { message, description } = crmZenErrorText(error, { kind: 'credential' });
		return { status: 'Error', message: `${message} ${description}` };
	}
}

/**
 * A gateway checks the key before anything else and never goes upstream for a request without a
 * day: 400 (no day) means the key is known, 401 that it is not.
 */
async function gatewayTest(helpers: ICredentialTestFunctions['helpers'], settings: CrmZenCredential): Promise<INodeCredentialTestResult> {
	const answer = await keyCheck(helpers, settings).catch(() => undefined);
	if (answer?.statusCode === 400) return { status: 'OK', message: TEXT.gatewayOk };
	if (answer?.statusCode === 401) return { status: 'Error', message: TEXT.gatewayKeyRefused };
	return { status: 'Error', message: `${TEXT.gatewayOther} (${answer?.statusCode ?? 'no answer'}).` };
}

const keyCheck = async (helpers: ICredentialTestFunctions['helpers'], settings: CrmZenCredential): ReturnType<PlainGet> =>
	await helpers.request({ uri: settings.url, method: 'GET', headers: { token: settings.token }, json: false, simple: false, resolveWithFullResponse: true, timeout: 10_000 });

// People-facing, in one place (issue 21 moves them into the catalogs).
const TEXT = {
	remembered: 'Connection successful: this URL and token passed the test at',
	notAGateway:
		"The credential's URL uses plain http:// but does not answer as a zen-leads gateway, so the token was not sent. Allow Plain HTTP (Gateway On Your Own Network) is only for a zen-leads serve gateway; for CRM Zen itself use its https:// URL with the switch off.",
	gatewayOk: 'Connection successful: the zen-leads gateway knows this client key. Nothing was sent to CRM Zen; the gateway keeps the token’s 5-minute window for every workflow and worker.',
	gatewayKeyRefused: "The zen-leads gateway does not know this client key. Copy a key from the gateway's keys file (or ZEN_GATEWAY_KEYS) into Token.",
	gatewayOther: 'The zen-leads gateway did not answer as expected: check that it runs and that URL ends in /api/totais_lead',
};

/** The `methods` of every node that uses the credential: n8n runs its test through them. */
export const crmZenCredentialMethods: INodeType['methods'] = { credentialTest: { crmZenApiTest: testCrmZenCredential } };

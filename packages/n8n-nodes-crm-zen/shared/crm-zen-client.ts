import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { crmZenCredentialOf, type CrmZenCredential } from './crm-zen-credential';
import { fetchDay, type FetchedDay } from './fetched-day';
import { n8nClock } from './n8n-clock';
import { createN8nTransport, type CrmZenRequestContext } from './n8n-transport';
import { processWindowStore } from './process-window-store';
import { createZenClientBase, type RateLimitMode, type ZenTransport } from './zen-core';

/** How a node wants the token's window handled. */
export interface CrmZenClientOptions {
	onRateLimit: RateLimitMode;
	maxWaitMs: number;
	/** Per request; the core's default (30 s) when left out. */
	timeoutMs?: number;
}

/** Days of CRM Zen totals for one credential. */
export interface CrmZenDays {
	getDay(date: string, signal?: AbortSignal): Promise<FetchedDay>;
}

/**
 * A client for a credential on a transport. Every client in this n8n process shares one store
 * (the token's window) and one cache (the days fetched): executions, the trigger and the
 * credential test all see what any of them fetched.
 */
export function crmZenDays(credential: CrmZenCredential, transport: ZenTransport, options: CrmZenClientOptions): CrmZenDays {
	const client = createZenClientBase({
		url: credential.url,
		token: credential.token,
		allowInsecureHttp: credential.allowInsecureHttp,
		transport,
		clock: n8nClock,
		store: processWindowStore,
		cache: processWindowStore,
		onRateLimit: options.onRateLimit,
		maxWaitMs: options.maxWaitMs,
		...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
	});
	return { getDay: async (date, signal) => await fetchDay(client, date, signal) };
}

/** A client for the node's `crmZenApi` credential on n8n's own HTTP stack. Cheap: one per execution. */
export async function crmZenDaysFor(context: CrmZenRequestContext, options: CrmZenClientOptions): Promise<CrmZenDays> {
	const credential = crmZenCredentialOf((await context.getCredentials('crmZenApi')) as ICredentialDataDecryptedObject);
	return crmZenDays(credential, createN8nTransport(context), options);
}

import { n8nClock } from './n8n-clock';
import { createN8nTransport, type CrmZenRequestContext } from './n8n-transport';
import { processCooldownStore } from './process-cooldown-store';
import { createZenClientBase, type RateLimitMode, type ZenClient } from './zen-core';

/** The `crmZenApi` credential's fields. */
interface CrmZenCredential {
	url: string;
	token: string;
}

/** How a node wants the token's window handled. */
export interface CrmZenClientOptions {
	onRateLimit: RateLimitMode;
	maxWaitMs: number;
	/** Per request; the core's default (30 s) when left out. */
	timeoutMs?: number;
}

/**
 * A core client for the node's credential, on n8n's transport and clock, sharing the process's
 * guard and cache with every other CRM Zen node. Cheap: make one per execution.
 */
export async function crmZenClientFor(
	context: CrmZenRequestContext,
	options: CrmZenClientOptions,
): Promise<ZenClient> {
	const credential = (await context.getCredentials('crmZenApi')) as unknown as CrmZenCredential;
	return createZenClientBase({
		url: credential.url,
		token: credential.token,
		transport: createN8nTransport(context),
		clock: n8nClock,
		store: processCooldownStore,
		onRateLimit: options.onRateLimit,
		maxWaitMs: options.maxWaitMs,
		...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
	});
}

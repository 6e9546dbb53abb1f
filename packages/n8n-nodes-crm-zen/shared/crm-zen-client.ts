import { sleep, type ICredentialDataDecryptedObject } from 'n8n-workflow';

import { createN8nTransport, type CrmZenRequestContext } from './n8n-transport';
import { createZenClientBase, MemoryStore, type Clock, type RateLimitMode, type TotalsResult, type ZenTransport } from './zen-core';

/** The `crmZenApi` credential's fields, as the core takes them. */
export interface CrmZenCredential {
	url: string;
	token: string;
	allowInsecureHttp: boolean;
}

/**
 * The credential as stored, made usable: URL and token trimmed, because they are pasted and a
 * trailing newline or space is never part of either (the credential's `authenticate` trims the
 * token header the same way).
 */
export function crmZenCredentialOf(data: ICredentialDataDecryptedObject | undefined): CrmZenCredential {
	const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');
	return { url: text(data?.url), token: text(data?.token), allowInsecureHttp: data?.allowInsecureHttp === true };
}

/** How a node wants the token's window handled. */
export interface CrmZenClientOptions {
	onRateLimit: RateLimitMode;
	maxWaitMs: number;
	/** Per request; the core's default (30 s) when left out. */
	timeoutMs?: number;
}

/**
 * One day's totals and how they were obtained (`fromCache`, `fetchedAt`, `waitedMs`), for items
 * and execution hints. `date` is the day asked for.
 */
export interface FetchedDay extends TotalsResult {
	date: string;
}

/** Days of CRM Zen totals for one credential. */
export interface CrmZenDays {
	getDay(date: string, signal?: AbortSignal): Promise<FetchedDay>;
}

/**
 * The token windows and cached responses of this n8n process. Module state on purpose: every
 * execution of every CRM Zen node in the process shares it, so a second workflow (or a re-run
 * for a past day) waits for the window — or reads the cache — instead of drawing a 429. Keys
 * are hashes of URL and token (made by the core); the token itself is never stored.
 */
const processWindowStore: MemoryStore = new MemoryStore({ now: () => Date.now() });

/** Time inside n8n: `Date.now()` and n8n-workflow's abortable `sleep` (no timers of our own). */
const n8nClock: Clock = {
	now: () => Date.now(),
	sleep: async (ms, signal) => await sleep(ms, signal),
};

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
	return {
		getDay: async (date, signal) => ({ ...(await client.getTotalsResult(date, signal ? { signal } : {})), date }),
	};
}

/** A client for the node's `crmZenApi` credential on n8n's own HTTP stack. Cheap: one per execution. */
export async function crmZenDaysFor(context: CrmZenRequestContext, options: CrmZenClientOptions): Promise<CrmZenDays> {
	const credential = crmZenCredentialOf((await context.getCredentials('crmZenApi')) as ICredentialDataDecryptedObject);
	return crmZenDays(credential, createN8nTransport(context), options);
}

import { sleep, type ICredentialDataDecryptedObject } from 'n8n-workflow';

import { isPlainHttp, isZenGateway, plainGetOf } from './gateway-check';
import { FieldError } from './node-error';
import { createN8nTransport, type CrmZenRequestContext } from './n8n-transport';
import { createZenClientBase, MemoryStore, type Clock, type RateLimitMode, type ResponseCache, type TotalsResult, type WaitEvent, type ZenClient, type ZenTransport } from './zen-core';

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
	/** "Use Cached Totals": false asks again even for a day kept (and keeps nothing new). Default true. */
	useCache?: boolean;
	/** The URL answered as a `zen-leads serve` gateway: it paces, from the first request. */
	gateway?: boolean;
}

/**
 * One day's totals and how they were obtained (`fromCache`, `fetchedAt`, `waitedMs`), for items
 * and execution hints. `date` is the day asked for.
 */
export interface FetchedDay extends TotalsResult {
	date: string;
}

/** What one day's call may narrow: a shorter wait (what is left of the execution's), and who hears of a wait. */
export interface DayCall {
	signal?: AbortSignal;
	maxWaitMs?: number;
	onWait?(event: WaitEvent): void;
}

/** Days of CRM Zen totals for one credential. */
export interface CrmZenDays {
	getDay(date: string, call?: DayCall): Promise<FetchedDay>;
	/** Whether the day is kept in this process; never sends. */
	isCached(date: string): Promise<boolean>;
	/** The URL answered as a gateway (it paces, and may have days this process has not). */
	readonly gateway: boolean;
}

/**
 * The token windows and cached responses of this n8n process. Module state on purpose: every
 * execution of every CRM Zen node in the process shares it, so a second workflow (or a re-run
 * for a past day) waits for the window — or reads the cache — instead of drawing a 429. Keys
 * are hashes of URL and token (made by the core); the token itself is never stored.
 */
const processWindowStore: MemoryStore = new MemoryStore({ now: () => Date.now() });

/** The process's shared cache, for what the nodes remember beside the days (tested credentials, gateways). */
export const processCache: ResponseCache = processWindowStore;

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
	// One core client per wait bound (the core fixes it per client); all share the process's store.
	const clients = new Map<number, ZenClient>();
	const clientFor = (maxWaitMs: number): ZenClient => {
		const known = clients.get(maxWaitMs);
		if (known) return known;
		const client = createZenClientBase({
			url: credential.url,
			token: credential.token,
			allowInsecureHttp: credential.allowInsecureHttp,
			transport,
			clock: n8nClock,
			store: processWindowStore,
			cache: options.useCache === false ? false : processWindowStore,
			gateway: options.gateway === true,
			onRateLimit: options.onRateLimit,
			maxWaitMs,
			...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
		});
		clients.set(maxWaitMs, client);
		return client;
	};
	return {
		gateway: options.gateway === true,
		getDay: async (date, call = {}) => {
			const client = clientFor(Math.max(0, Math.min(options.maxWaitMs, call.maxWaitMs ?? options.maxWaitMs)));
			const result = await client.getTotalsResult(date, { ...(call.signal ? { signal: call.signal } : {}), ...(call.onWait ? { onWait: call.onWait } : {}) });
			return { ...result, date };
		},
		isCached: async (date) => options.useCache !== false && (await clientFor(options.maxWaitMs).cached(date)) !== undefined,
	};
}

/**
 * A client for the node's `crmZenApi` credential on n8n's own HTTP stack. Cheap: one per
 * execution. With "Allow Plain HTTP (Gateway On Your Own Network)" on an http:// URL, the URL
 * must answer as a gateway (tokenless, remembered) before the key is sent.
 */
export async function crmZenDaysFor(context: CrmZenRequestContext, options: CrmZenClientOptions): Promise<CrmZenDays> {
	const credential = crmZenCredentialOf((await context.getCredentials('crmZenApi')) as ICredentialDataDecryptedObject);
	const gateway = credential.allowInsecureHttp && isPlainHttp(credential.url) ? await requireGateway(credential.url, plainGetOf(context)) : false;
	return crmZenDays(credential, createN8nTransport(context), { ...options, gateway });
}

/** True, or a `FieldError` naming the URL: plain http goes only to a gateway. */
export async function requireGateway(url: string, get: Parameters<typeof isZenGateway>[1]): Promise<true> {
	if (await isZenGateway(url, get, processCache)) return true;
	throw new FieldError('URL', NOT_A_GATEWAY[0], NOT_A_GATEWAY[1]);
}

const NOT_A_GATEWAY = [
	"The credential's URL uses plain http:// but does not answer as a zen-leads gateway (its /healthz has no zen-gateway header), so nothing was sent.",
	"Allow Plain HTTP (Gateway On Your Own Network) is only for a zen-leads serve gateway: check that it runs at that address, or use CRM Zen's https:// URL and turn the switch off.",
] as const;

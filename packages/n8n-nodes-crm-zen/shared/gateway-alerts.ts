import { FieldError } from './node-error';
import { isLoopbackHost, type ZenTransport } from './zen-core';

/** One alert as the gateway's `/v1/alerts.json` lists it (the gateway's `Alert`). */
export interface GatewayAlert {
	/** The idempotency key: the same alert keeps its id, however often it is listed. */
	id: string;
	rule: string;
	kind: string;
	date: string;
	/** When it fired, ISO 8601. */
	at: string;
	seller?: string;
	value: number;
	threshold: number;
	/** One sentence in the rules file's language. */
	text: string;
	[field: string]: unknown;
}

const TIMEOUT_MS = 30_000;
/** Two days of alerts are a few hundred entries at most; a larger answer is not the gateway's. */
const MAX_BODY_BYTES = 4 * 1_048_576;

/** The gateway's `/v1/alerts.json` beside its `/api/totais_lead` (also under a proxy's path prefix). */
export function alertsUrlOf(url: string, since?: string): string {
	const alerts = new URL('../v1/alerts.json', url);
	if (since !== undefined) alerts.searchParams.set('since', since);
	return alerts.href;
}

/**
 * The gateway's alerts (today's and yesterday's), fired after `since` when given. The client key
 * travels as the credential's `token` header, added by n8n; over plain http only with the
 * credential's switch, as for the totals.
 */
export async function fetchGatewayAlerts(transport: ZenTransport, credential: { url: string; allowInsecureHttp: boolean }, since?: string): Promise<GatewayAlert[]> {
	const target = new URL(credential.url);
	if (target.protocol === 'http:' && !credential.allowInsecureHttp && !isLoopbackHost(target.hostname)) {
		throw new FieldError(
			'URL',
			"The credential's URL uses plain http://, so the client key would cross the network unencrypted; nothing was sent.",
			'Use the gateway\'s https:// address, or turn on Allow Plain HTTP (Gateway On Your Own Network) for a gateway on your own network.',
		);
	}
	const response = await transport({ url: alertsUrlOf(credential.url, since), headers: { accept: 'application/json' }, timeoutMs: TIMEOUT_MS, maxBodyBytes: MAX_BODY_BYTES });
	if (response.status === 401 || response.status === 403) {
		throw new FieldError('Token', `The gateway refused the client key (HTTP ${response.status}) when asked for its alerts.`, "Set the credential's Token to one of the gateway's client keys (zen-leads serve --new-key makes one).");
	}
	if (response.status !== 200) throw new Error(`The gateway answered HTTP ${response.status} when asked for its alerts; the next poll asks again.`);
	return alertsOf(response.body);
}

/** The `alerts` of a `{ alerts: [...] }` body, each with the fields the trigger relies on. */
function alertsOf(body: string): GatewayAlert[] {
	let parsed: unknown;
	try {
		parsed = JSON.parse(body);
	} catch {
		parsed = undefined;
	}
	const alerts = (parsed as { alerts?: unknown } | undefined)?.alerts;
	if (!Array.isArray(alerts) || !alerts.every(isAlert)) {
		throw new Error("The gateway's /v1/alerts.json did not answer { alerts: [...] } with an id and a time on each; check that the credential points at a zen-leads gateway recent enough to have alerts.");
	}
	return alerts;
}

function isAlert(value: unknown): value is GatewayAlert {
	const alert = value as Partial<GatewayAlert> | null;
	return typeof alert === 'object' && alert !== null && typeof alert.id === 'string' && typeof alert.at === 'string' && typeof alert.text === 'string';
}

import type { GatewayAlert } from './gateway-alerts';

/** What the trigger remembers between polls of the Alert event (the workflow's static data). */
export interface AlertPollState {
	/** The newest alert time emitted (or the activation time), ISO 8601. */
	lastAlertAt?: string;
	/** The ids emitted at exactly `lastAlertAt`: the gateway's `since` may list them again. */
	lastAlertIds?: string[];
}

/** What one poll needs from the outside world. */
export interface AlertPollDeps {
	now(): number;
	/** The gateway's alerts fired at or after `since` (all of today's and yesterday's without it). */
	fetchAlerts(since?: string): Promise<GatewayAlert[]>;
}

export interface AlertPollResult {
	/** The new alerts, oldest first. */
	emitted: GatewayAlert[];
	state: AlertPollState;
}

/**
 * One poll: the alerts newer than the last one emitted, oldest first, each once. A first poll
 * (no state) sends nothing and starts from now: an activated trigger emits the alerts that fire
 * from then on, not the day's earlier ones.
 */
export async function runAlertPoll(state: AlertPollState, deps: AlertPollDeps): Promise<AlertPollResult> {
	if (state.lastAlertAt === undefined) return { emitted: [], state: { lastAlertAt: new Date(deps.now()).toISOString(), lastAlertIds: [] } };
	const last = Date.parse(state.lastAlertAt);
	const seen = new Set(state.lastAlertIds ?? []);
	const fresh = (await deps.fetchAlerts(state.lastAlertAt))
		.filter((alert) => Date.parse(alert.at) > last || (Date.parse(alert.at) === last && !seen.has(alert.id)))
		.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
	const newest = fresh.at(-1);
	if (newest === undefined) return { emitted: [], state };
	const newestAt = Date.parse(newest.at);
	const atNewest = fresh.filter((alert) => Date.parse(alert.at) === newestAt).map((alert) => alert.id);
	const ids = newestAt === last ? [...seen, ...atNewest] : atNewest;
	return { emitted: fresh, state: { lastAlertAt: new Date(newestAt).toISOString(), lastAlertIds: ids } };
}

/** A manual test ("Fetch Test Event"): the newest alert the gateway lists, state untouched. */
export async function sampleAlertPoll(deps: AlertPollDeps): Promise<GatewayAlert | undefined> {
	const alerts = await deps.fetchAlerts();
	return alerts.reduce<GatewayAlert | undefined>((newest, alert) => (newest === undefined || Date.parse(alert.at) > Date.parse(newest.at) ? alert : newest), undefined);
}

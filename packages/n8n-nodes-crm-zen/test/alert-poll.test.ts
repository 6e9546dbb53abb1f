import { describe, expect, it } from 'vitest';

import { runAlertPoll, sampleAlertPoll, type AlertPollDeps, type AlertPollState } from '../shared/alert-poll';
import type { GatewayAlert } from '../shared/gateway-alerts';

const alert = (id: string, at: string, seller = 'Ana Souza'): GatewayAlert => ({
	id,
	rule: 'silent-seller',
	kind: 'seller-silent',
	date: at.slice(0, 10),
	at,
	seller,
	value: 50,
	threshold: 45,
	text: `${seller} recebeu nenhum lead novo em 50 minutos.`,
});

/** A gateway that lists what it was given, newest first, filtered by `since` as `at >= since`; records each `since`. */
function gatewayListing(alerts: GatewayAlert[]): { deps: AlertPollDeps; asked: (string | undefined)[]; now: { value: number } } {
	const asked: (string | undefined)[] = [];
	const now = { value: Date.parse('2026-12-03T12:00:00Z') };
	const deps: AlertPollDeps = {
		now: () => now.value,
		fetchAlerts: async (since) => {
			asked.push(since);
			return alerts.filter((entry) => since === undefined || Date.parse(entry.at) >= Date.parse(since)).sort((a, b) => b.at.localeCompare(a.at));
		},
	};
	return { deps, asked, now };
}

describe('the Alert event’s poll', () => {
	it('a first poll sends nothing and starts from now: earlier alerts are not emitted', async () => {
		const listed = [alert('a1', '2026-12-03T11:00:00.000Z')];
		const { deps, asked } = gatewayListing(listed);
		const first = await runAlertPoll({}, deps);
		expect(first.emitted).toEqual([]);
		expect(asked).toEqual([]);
		expect(first.state).toEqual({ lastAlertAt: '2026-12-03T12:00:00.000Z', lastAlertIds: [] });
		expect((await runAlertPoll(first.state, deps)).emitted).toEqual([]);
	});

	it('emits each new alert once, oldest first, across polls, also two alerts of the same instant', async () => {
		const listed: GatewayAlert[] = [];
		const { deps, asked } = gatewayListing(listed);
		let state: AlertPollState = { lastAlertAt: '2026-12-03T12:00:00.000Z', lastAlertIds: [] };
		listed.push(alert('b', '2026-12-03T12:10:00.000Z', 'Bruno'), alert('a', '2026-12-03T12:05:00.000Z'));
		const second = await runAlertPoll(state, deps);
		expect(second.emitted.map((entry) => entry.id)).toEqual(['a', 'b']);
		state = second.state;
		expect(state).toEqual({ lastAlertAt: '2026-12-03T12:10:00.000Z', lastAlertIds: ['b'] });
		// The gateway's `since` lists the last one again (at >= since): it is not emitted twice.
		expect((await runAlertPoll(state, deps)).emitted).toEqual([]);
		// Another alert of that very instant, seen later, is still new.
		listed.push(alert('c', '2026-12-03T12:10:00.000Z', 'Carla'));
		const third = await runAlertPoll(state, deps);
		expect(third.emitted.map((entry) => entry.id)).toEqual(['c']);
		expect(third.state.lastAlertIds).toEqual(['b', 'c']);
		expect(asked).toEqual(['2026-12-03T12:00:00.000Z', '2026-12-03T12:10:00.000Z', '2026-12-03T12:10:00.000Z']);
	});

	it('a failing gateway keeps the state: the next poll asks from the same point', async () => {
		const state: AlertPollState = { lastAlertAt: '2026-12-03T12:00:00.000Z', lastAlertIds: [] };
		const failing: AlertPollDeps = { now: () => 0, fetchAlerts: async () => Promise.reject(new Error('HTTP 503')) };
		await expect(runAlertPoll(state, failing)).rejects.toThrow('HTTP 503');
	});

	it('the manual sample is the newest alert listed, or none', async () => {
		const { deps } = gatewayListing([alert('old', '2026-12-02T10:00:00.000Z'), alert('new', '2026-12-03T09:00:00.000Z')]);
		expect((await sampleAlertPoll(deps))?.id).toBe('new');
		expect(await sampleAlertPoll(gatewayListing([]).deps)).toBeUndefined();
	});
});

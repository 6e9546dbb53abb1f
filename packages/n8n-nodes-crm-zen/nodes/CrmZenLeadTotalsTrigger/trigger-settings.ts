import type { IPollFunctions } from 'n8n-workflow';

import type { DailyPollOptions } from '../../shared/daily-poll';
import { isLeadTotalsOutput, type LeadTotalsOutput, type LeadTotalsShape } from '../../shared/lead-totals-output';
import { FieldError } from '../../shared/node-error';
import { DEFAULT_MAX_CATCH_UP_DAYS, TRIGGER_EVENTS, type TriggerEvent } from './trigger-properties';

/** The trigger's `options` collection. */
interface TriggerOptions {
	emitAtHour?: number;
	maxCatchUpDays?: number;
	includeRaw?: boolean;
}

/** What the trigger's parameters ask for. */
export interface TriggerSettings {
	event: TriggerEvent;
	output: LeadTotalsOutput;
	shape: LeadTotalsShape;
	poll: DailyPollOptions;
}

/** The trigger's parameters, checked; a bad one is a `FieldError` naming the trigger's own field. */
export function triggerSettingsOf(context: IPollFunctions): TriggerSettings {
	// Workflows saved before Event existed have none: they keep polling for closed days.
	const event = context.getNodeParameter('event', 'dayClosed');
	if (!(TRIGGER_EVENTS as readonly unknown[]).includes(event)) {
		throw new FieldError('Event', `Event "${String(event)}" is not one of the choices.`, 'Set Event to Day Closed or Alert.');
	}
	const output = context.getNodeParameter('output', 'users');
	if (!isLeadTotalsOutput(output)) {
		throw new FieldError('Output', `Output "${String(output)}" is not one of the choices.`, 'Set Output to Users, Breakdown, Summary or Full.');
	}
	const options = context.getNodeParameter('options', {}) as TriggerOptions;
	const emitAtHour = options.emitAtHour ?? 0;
	if (!Number.isInteger(emitAtHour) || emitAtHour < 0 || emitAtHour > 23) {
		throw new FieldError(
			'Emit At Hour',
			`Emit At Hour must be a whole hour from 0 to 23, got ${String(emitAtHour)}.`,
			'Set Options → Emit At Hour to the São Paulo hour at which each day should be emitted, e.g. 8, or 0 for midnight.',
		);
	}
	const maxCatchUpDays = options.maxCatchUpDays ?? DEFAULT_MAX_CATCH_UP_DAYS;
	if (typeof maxCatchUpDays !== 'number' || !Number.isFinite(maxCatchUpDays) || maxCatchUpDays < 1) {
		throw new FieldError(
			'Max Catch-Up Days',
			`Max Catch-Up Days must be 1 or more, got ${String(maxCatchUpDays)}.`,
			'Set Options → Max Catch-Up Days to how many missed days to still emit after n8n was down (default 7).',
		);
	}
	const { typeVersion } = context.getNode();
	const version = typeVersion >= 3 ? 3 : typeVersion >= 2 ? 2 : 1;
	return { event: event as TriggerEvent, output, shape: { includeRaw: options.includeRaw === true, version }, poll: { maxCatchUpDays, emitAtHour } };
}

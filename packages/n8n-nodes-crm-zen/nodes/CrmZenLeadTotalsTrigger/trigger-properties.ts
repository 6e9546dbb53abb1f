import type { INodeProperties } from 'n8n-workflow';

import { includeRawOption, leadTotalsOutputProperty } from '../../shared/lead-totals-output';

export const DEFAULT_MAX_CATCH_UP_DAYS = 7;

/** What starts the workflow: a closed day (the trigger's first and default behaviour) or a gateway alert. */
export const TRIGGER_EVENTS = ['dayClosed', 'alert'] as const;
export type TriggerEvent = (typeof TRIGGER_EVENTS)[number];

const ON_DAY_CLOSED = { show: { event: ['dayClosed'] } };

/** The trigger's parameters (every typeVersion: Event's default keeps what a saved workflow did). */
export const triggerProperties: INodeProperties[] = [
	{
		displayName: 'Event',
		name: 'event',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Alert',
				value: 'alert',
				description:
					"Each alert a zen-leads gateway raises (a seller with no new leads, problem leads piling up, a day below its usual pace…), once, as it fires. The credential must point at the gateway.",
			},
			{
				name: 'Day Closed',
				value: 'dayClosed',
				description: "Each closed São Paulo day's totals",
			},
		],
		default: 'dayClosed',
	},
	{
		displayName:
			"Each poll asks the gateway's /v1/alerts.json for the alerts fired since the last one emitted and emits each new one once (its rule, seller, value and text). It sends nothing to CRM Zen: the gateway raises alerts from the refreshes of today it already makes. The first poll after activation starts from that moment.",
		name: 'alertNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { event: ['alert'] } },
	},
	{
		displayName:
			"Each poll emits the São Paulo days that came due since the last one emitted, oldest first, one API request per 5-minute window. A poll with no day due sends nothing, so Poll Times' default, every minute, costs no requests; a day is emitted within a minute of coming due.",
		name: 'notice',
		type: 'notice',
		default: '',
		displayOptions: ON_DAY_CLOSED,
	},
	{ ...leadTotalsOutputProperty, displayOptions: ON_DAY_CLOSED },
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: ON_DAY_CLOSED,
		options: [
			{
				displayName: 'Emit At Hour',
				name: 'emitAtHour',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 23, numberPrecision: 0 },
				default: 0,
				description:
					"The hour of the next day (0–23, São Paulo time) from which a day's totals are emitted, e.g. 8 to get yesterday's numbers at the first poll after 08:00. 0: as soon as the day closes.",
			},
			includeRawOption,
			{
				displayName: 'Max Catch-Up Days',
				name: 'maxCatchUpDays',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: DEFAULT_MAX_CATCH_UP_DAYS,
				description: 'After n8n was down, how many of the most recent missed days to still emit. Older missed days are skipped.',
			},
		],
	},
];

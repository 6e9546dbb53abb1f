import type { INodeProperties } from 'n8n-workflow';

import { includeRawOption, leadTotalsOutputProperty } from '../../shared/lead-totals-output';

export const DEFAULT_MAX_CATCH_UP_DAYS = 7;

/** The trigger's parameters (both typeVersions). */
export const triggerProperties: INodeProperties[] = [
	{
		displayName:
			"Each poll emits the São Paulo days that came due since the last one emitted, oldest first, one API request per 5-minute window. A poll with no day due sends nothing, so Poll Times' default, every minute, costs no requests; a day is emitted within a minute of coming due.",
		name: 'notice',
		type: 'notice',
		default: '',
	},
	leadTotalsOutputProperty,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
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

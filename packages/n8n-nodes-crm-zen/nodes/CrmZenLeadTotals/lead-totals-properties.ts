import type { INodeProperties } from 'n8n-workflow';

import { includeRawOption, leadTotalsOutputProperty } from '../../shared/lead-totals-output';
import { ACCEPTED_DAY_FORMS, MAX_RANGE_DAYS } from '../../shared/requested-days';
import { DEFAULT_EXECUTION_WAIT_MINUTES } from './execution-budget';

export const DEFAULT_MAX_WAIT_MINUTES = 6;
export const DEFAULT_TIMEOUT_SECONDS = 30;

const v1 = { '@version': [1] };
const v2 = { '@version': [{ _cnd: { gte: 2 } }] };
const only2 = { '@version': [2] };
const v3 = { '@version': [{ _cnd: { gte: 3 } }] };

/** typeVersion 3's own options: the cache and the whole execution's bound. */
const v3Options: INodeProperties[] = [
	{
		displayName: 'Max Wait Per Execution (Minutes)',
		name: 'maxExecutionWaitMinutes',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: DEFAULT_EXECUTION_WAIT_MINUTES,
		description:
			"The longest this execution waits for the token's window in all, over every item and day. A Date Range whose uncached days cannot be fetched within it is refused before anything is sent.",
	},
	{
		displayName: 'Use Cached Totals',
		name: 'useCache',
		type: 'boolean',
		default: true,
		description:
			"Whether to answer from the totals this n8n already fetched (closed days are kept 30 days, today's for 5 minutes). Off: ask CRM Zen again, one request per 5-minute window.",
	},
];

/** typeVersion 1's "Date": a text field, yesterday by default, empty also meaning yesterday. */
const dateV1: INodeProperties = {
	displayName: 'Date',
	name: 'date',
	type: 'string',
	displayOptions: { show: v1 },
	default: "={{ $now.setZone('America/Sao_Paulo').minus({ days: 1 }).toFormat('yyyy-MM-dd') }}",
	placeholder: 'e.g. 2026-01-31',
	description: `The São Paulo calendar day whose totals to get: ${ACCEPTED_DAY_FORMS}. Empty means yesterday. Each input item may carry its own date.`,
};

/** typeVersion 2's "Day" and the date pickers it shows. */
const dayV2: INodeProperties[] = [
	{
		displayName: 'Day',
		name: 'day',
		type: 'options',
		displayOptions: { show: v2 },
		default: 'yesterday',
		options: [
			{ name: 'Yesterday', value: 'yesterday', description: 'The last day that closed in São Paulo' },
			{ name: 'Today', value: 'today', description: "Today in São Paulo so far (numbers still change during the day)" },
			{ name: 'Specific Date', value: 'specificDate', description: 'One day, picked or from an expression' },
			{
				name: 'Date Range',
				value: 'dateRange',
				description: `Every day from From to To (at most ${MAX_RANGE_DAYS}), one set of items per day, one request per 5-minute window`,
			},
		],
		description: 'Which São Paulo calendar day to get. Each input item may ask for its own.',
	},
	{
		displayName: 'Date',
		name: 'date',
		type: 'dateTime',
		required: true,
		displayOptions: { show: { ...v2, day: ['specificDate'] } },
		default: '',
		placeholder: 'e.g. 2026-01-31',
		description: `The São Paulo calendar day: ${ACCEPTED_DAY_FORMS}. A date-time with a zone counts as the São Paulo day at that instant.`,
	},
	...(['From', 'To'] as const).map(
		(label): INodeProperties => ({
			displayName: label,
			name: label === 'From' ? 'fromDate' : 'toDate',
			type: 'dateTime',
			required: true,
			displayOptions: { show: { ...v2, day: ['dateRange'] } },
			default: '',
			placeholder: label === 'From' ? 'e.g. 2026-01-01' : 'e.g. 2026-01-07',
			description: `The ${label === 'From' ? 'first' : 'last'} São Paulo day of the range (included). Same forms as Date.`,
		}),
	),
];

function optionsFor(version: 1 | 2 | 3): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		displayOptions: { show: version === 1 ? v1 : version === 2 ? only2 : v3 },
		default: {},
		options: [
			includeRawOption,
			...(version >= 3 ? v3Options : []),
			{
				displayName: 'Max Wait (Minutes)',
				name: 'maxWaitMinutes',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: DEFAULT_MAX_WAIT_MINUTES,
				description: `The longest the node waits for the token's window when On Rate Limit is Wait${version >= 2 ? ', for each day' : ''}. The API allows one request per 5 minutes per token.`,
			},
			{
				displayName: 'On Rate Limit',
				name: 'onRateLimit',
				type: 'options',
				default: 'wait',
				options: [
					{ name: 'Wait', value: 'wait', description: "Wait for the token's 5-minute window to free, up to Max Wait" },
					{ name: 'Fail', value: 'fail', description: 'Fail at once with the time the window frees' },
				],
				description:
					version >= 2
						? "What to do when the token's window is in use (a request less than 5 minutes ago, by any workflow in this n8n). Wait by default; Fail by default when the node is an AI agent's tool, so that the agent is not held for minutes."
						: 'What to do when the token was used less than 5 minutes ago (by this or another workflow in this n8n)',
			},
			{
				displayName: 'Timeout (Seconds)',
				name: 'timeoutSeconds',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: DEFAULT_TIMEOUT_SECONDS,
				description: 'The longest one request may take before it counts as a network failure (retried twice, then an error)',
			},
		],
	};
}

/** Every parameter of both typeVersions; `@version` display options keep each version's own. */
export const leadTotalsProperties: INodeProperties[] = [dateV1, ...dayV2, leadTotalsOutputProperty, optionsFor(1), optionsFor(2), optionsFor(3)];

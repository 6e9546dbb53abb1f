import {
	NodeConnectionTypes,
	NodeOperationError,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';

import { crmZenClientFor } from '../../shared/crm-zen-client';
import { crmZenNodeError } from '../../shared/crm-zen-node-error';
import { runDailyPoll, sampleDailyPoll, type DailyPollDeps, type DailyPollState } from '../../shared/daily-poll';
import { includeRawOption, isLeadTotalsOutput, leadTotalsJson, leadTotalsOutputProperty } from '../../shared/lead-totals-output';
import type { TotalsResult } from '../../shared/zen-core';

/** The trigger's `options` collection. */
interface TriggerOptions {
	maxCatchUpDays?: number;
	includeRaw?: boolean;
}

const DEFAULT_MAX_CATCH_UP_DAYS = 7;

export class CrmZenLeadTotalsTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'CRM Zen Lead Totals Trigger',
		name: 'crmZenLeadTotalsTrigger',
		icon: { light: 'file:crmZen.svg', dark: 'file:crmZen.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{"Output: " + $parameter["output"]}}',
		description: "Emits each day's CRM Zen lead-distribution totals once, after the day closes in São Paulo",
		defaults: {
			name: 'CRM Zen Lead Totals Trigger',
		},
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'crmZenApi',
				required: true,
			},
		],
		properties: [
			{
				displayName:
					'Each poll emits the São Paulo days that closed since the last one emitted, oldest first, one API request per 5-minute window. A poll every 5–15 minutes suits most workflows.',
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
					includeRawOption,
					{
						displayName: 'Max Catch-Up Days',
						name: 'maxCatchUpDays',
						type: 'number',
						typeOptions: { minValue: 1 },
						default: DEFAULT_MAX_CATCH_UP_DAYS,
						description:
							'After n8n was down, how many of the most recent missed days to still emit. Older missed days are skipped.',
					},
				],
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const output = this.getNodeParameter('output', 'users');
		if (!isLeadTotalsOutput(output)) {
			throw new NodeOperationError(this.getNode(), `Unknown output "${String(output)}".`);
		}
		const options = this.getNodeParameter('options', {}) as TriggerOptions;
		// Never wait inside a poll: a day refused by the window is left for the next poll.
		const client = await crmZenClientFor(this, { onRateLimit: 'fail', maxWaitMs: 0 });
		const deps: DailyPollDeps = {
			now: () => Date.now(),
			fetchDay: async (date) => await client.getTotalsResult(date),
		};
		const toItems = (results: TotalsResult[]): INodeExecutionData[] =>
			results.flatMap((result) =>
				leadTotalsJson(result, output, options.includeRaw === true).map((json) => ({ json })),
			);

		try {
			if (this.getMode() === 'manual') return [toItems([await sampleDailyPoll(deps)])];

			const staticData = this.getWorkflowStaticData('node');
			const state: DailyPollState =
				typeof staticData.lastEmittedDate === 'string' ? { lastEmittedDate: staticData.lastEmittedDate } : {};
			const { emitted, state: next } = await runDailyPoll(state, deps, {
				maxCatchUpDays: options.maxCatchUpDays ?? DEFAULT_MAX_CATCH_UP_DAYS,
			});
			if (next.lastEmittedDate !== undefined) staticData.lastEmittedDate = next.lastEmittedDate;
			return emitted.length === 0 ? null : [toItems(emitted)];
		} catch (error) {
			throw crmZenNodeError(this.getNode(), error);
		}
	}
}

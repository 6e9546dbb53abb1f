import {
	NodeConnectionTypes,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';

import { crmZenDaysFor } from '../../shared/crm-zen-client';
import { crmZenCredentialMethods } from '../../shared/credential-test';
import { runDailyPoll, sampleDailyPoll, type DailyPollDeps, type DailyPollState } from '../../shared/daily-poll';
import { leadTotalsJson, OUTPUT_NAMES_EXPRESSION } from '../../shared/lead-totals-output';
import { crmZenNodeError } from '../../shared/node-error';
import { triggerProperties } from './trigger-properties';
import { triggerSettingsOf } from './trigger-settings';

export class CrmZenLeadTotalsTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'CRM Zen Lead Totals Trigger',
		name: 'crmZenLeadTotalsTrigger',
		icon: { light: 'file:crmZen.svg', dark: 'file:crmZen.dark.svg' },
		group: ['trigger'],
		// 2: `fromCache` on per-day items and one item for a day without rows. 3: no item for a day
		// without rows, `fromCache`/`fetchedAt` on every row. Earlier versions are served as they were.
		version: [1, 2, 3],
		defaultVersion: 3,
		subtitle: `={{ (${OUTPUT_NAMES_EXPRESSION}[$parameter["output"]] || 'Users') + ' of each closed day' }}`,
		description: "Starts the workflow when a day closes in São Paulo, with that day's CRM Zen lead-distribution totals",
		defaults: {
			name: 'CRM Zen Lead Totals Trigger',
		},
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		// n8n's lint reads `testedBy` here, literally: the credential's test is the nodes' method.
		credentials: [{ name: 'crmZenApi', required: true, testedBy: 'crmZenApiTest' }],
		properties: triggerProperties,
	};

	methods: INodeType['methods'] = crmZenCredentialMethods;

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const manual = this.getMode() === 'manual';
		try {
			const settings = triggerSettingsOf(this);
			// Never wait inside a poll: a day refused by the window is left for a later poll.
			const days = await crmZenDaysFor(this, { onRateLimit: 'fail', maxWaitMs: 0 });
			const deps: DailyPollDeps = { now: () => Date.now(), fetchDay: async (date) => await days.getDay(date) };
			const toItems = (emitted: Awaited<ReturnType<DailyPollDeps['fetchDay']>>[]): INodeExecutionData[] =>
				emitted.flatMap((day) => leadTotalsJson(day, settings.output, settings.shape).map((json) => ({ json })));

			if (manual) return [toItems([await sampleDailyPoll(deps)])];

			const staticData = this.getWorkflowStaticData('node');
			const state: DailyPollState =
				typeof staticData.lastEmittedDate === 'string' ? { lastEmittedDate: staticData.lastEmittedDate } : {};
			const { emitted, state: next } = await runDailyPoll(state, deps, settings.poll);
			if (next.lastEmittedDate !== undefined) staticData.lastEmittedDate = next.lastEmittedDate;
			const items = toItems(emitted);
			return items.length === 0 ? null : [items];
		} catch (error) {
			throw crmZenNodeError(this.getNode(), error, { kind: 'trigger', manual });
		}
	}
}

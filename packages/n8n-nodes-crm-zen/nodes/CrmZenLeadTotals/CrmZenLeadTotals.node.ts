import {
	NodeConnectionTypes,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { crmZenDaysFor, type CrmZenDays, type FetchedDay } from '../../shared/crm-zen-client';
import { crmZenCredentialMethods } from '../../shared/credential-test';
import type { CrmZenHost } from '../../shared/error-text';
import { executionHintsFor, leadTotalsJson, OUTPUT_NAMES_EXPRESSION, waitHinter } from '../../shared/lead-totals-output';
import { crmZenErrorJson, crmZenNodeError } from '../../shared/node-error';
import { leadTotalsProperties } from './lead-totals-properties';
import { ExecutionBudget } from './execution-budget';
import { leadTotalsRequestOf, type LeadTotalsRequest } from './lead-totals-request';

const DAY_NAMES = "{yesterday:'yesterday',today:'today',specificDate:'a chosen day',dateRange:'a date range'}";

export class CrmZenLeadTotals implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'CRM Zen Lead Totals',
		name: 'crmZenLeadTotals',
		icon: { light: 'file:crmZen.svg', dark: 'file:crmZen.dark.svg' },
		group: ['input'],
		// 2: "Day" (Yesterday / Today / Specific Date / Date Range), `fromCache` on per-day items,
		// one item for a day without rows, Fail by default as an AI tool. 3: no item for a day
		// without rows (Always Output Data), `fromCache`/`fetchedAt` on every row, Max Wait Per
		// Execution, Use Cached Totals. Each earlier version is still served as it was.
		version: [1, 2, 3],
		defaultVersion: 3,
		subtitle: `={{ (${OUTPUT_NAMES_EXPRESSION}[$parameter["output"]] || 'Users') + ' of ' + (${DAY_NAMES}[$parameter["day"]] || 'the chosen day') }}`,
		description: "Get a day's lead-distribution totals per user from CRM Zen",
		defaults: {
			name: 'CRM Zen Lead Totals',
		},
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: {
			replacements: {
				description:
					"Gets CRM Zen lead-distribution totals per user for São Paulo calendar days (YYYY-MM-DD, America/Sao_Paulo; a day closes at midnight there, today's numbers are partial). One request per 5 minutes per token: when a day is not cached and the window is in use, the tool fails at once with the time the window frees, or waits for it, as its On Rate Limit option says.",
			},
		},
		// n8n's lint reads `testedBy` here, literally: the credential's test is the nodes' method.
		credentials: [{ name: 'crmZenApi', required: true, testedBy: 'crmZenApiTest' }],
		properties: leadTotalsProperties,
	};

	methods: INodeType['methods'] = crmZenCredentialMethods;

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const typeVersion = this.getNode().typeVersion;
		const version = typeVersion >= 3 ? 3 : typeVersion >= 2 ? 2 : 1;
		const signal = this.getExecutionCancelSignal();
		const returnData: INodeExecutionData[] = [];
		const fetched: FetchedDay[] = [];
		// One client per set of options: items asking for one day share its request.
		const clients = new Map<string, Promise<CrmZenDays>>();
		const clientFor = async (request: LeadTotalsRequest): Promise<CrmZenDays> => {
			const key = JSON.stringify(request.client);
			if (!clients.has(key)) clients.set(key, crmZenDaysFor(this, request.client));
			return await (clients.get(key) as Promise<CrmZenDays>);
		};

		let budget: ExecutionBudget | undefined;
		const items = this.getInputData();
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			let host: CrmZenHost = { kind: 'node', onRateLimit: 'wait', maxWaitMs: 0 };
			try {
				const request = leadTotalsRequestOf(this, itemIndex, version, Date.now());
				const client = await clientFor(request);
				// The first item's bound counts from the start, for the whole execution.
				if (request.maxExecutionWaitMs !== undefined) budget ??= new ExecutionBudget(request.maxExecutionWaitMs);
				if (budget && request.client.onRateLimit === 'wait') await budget.checkRange(request.days, client);
				for (const date of request.days) {
					host = { kind: 'node', ...request.client, date };
					const day = await client.getDay(date, {
						signal,
						...(budget ? { maxWaitMs: budget.leftMs() } : {}),
						// typeVersion 3 says so as the wait starts; earlier versions keep their hints as released.
						...(version >= 3 ? { onWait: waitHinter(this) } : {}),
					});
					fetched.push(day);
					for (const json of leadTotalsJson(day, request.output, request.shape)) {
						returnData.push({ json, pairedItem: { item: itemIndex } });
					}
				}
			} catch (error) {
				if (!this.continueOnFail()) throw crmZenNodeError(this.getNode(), error, host, itemIndex);
				const date = host.kind === 'node' && host.date ? { date: host.date } : {};
				returnData.push({ json: { ...date, ...crmZenErrorJson(error, host) } as IDataObject, pairedItem: { item: itemIndex } });
			}
		}

		const hints = executionHintsFor(fetched);
		// Execution hints exist from n8n 1.x on; an older n8n simply shows none.
		if (hints.length > 0 && typeof this.addExecutionHints === 'function') this.addExecutionHints(...hints);
		return [returnData];
	}
}

import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { crmZenClientFor } from '../../shared/crm-zen-client';
import { crmZenErrorJson, crmZenNodeError } from '../../shared/crm-zen-node-error';
import { includeRawOption, isLeadTotalsOutput, leadTotalsJson, leadTotalsOutputProperty } from '../../shared/lead-totals-output';
import { yesterdayInSaoPaulo } from '../../shared/zen-core';

/** The node's `options` collection. */
interface LeadTotalsOptions {
	onRateLimit?: 'wait' | 'fail';
	maxWaitMinutes?: number;
	timeoutSeconds?: number;
	includeRaw?: boolean;
}

const DEFAULT_MAX_WAIT_MINUTES = 6;
const DEFAULT_TIMEOUT_SECONDS = 30;

export class CrmZenLeadTotals implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'CRM Zen Lead Totals',
		name: 'crmZenLeadTotals',
		icon: { light: 'file:crmZen.svg', dark: 'file:crmZen.dark.svg' },
		group: ['input'],
		version: 1,
		subtitle: '={{"Output: " + $parameter["output"]}}',
		description: "Get a day's lead-distribution totals per user from CRM Zen",
		defaults: {
			name: 'CRM Zen Lead Totals',
		},
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: [
			{
				name: 'crmZenApi',
				required: true,
			},
		],
		properties: [
			{
				displayName: 'Date',
				name: 'date',
				type: 'string',
				default: "={{ $now.setZone('America/Sao_Paulo').minus({ days: 1 }).toFormat('yyyy-MM-dd') }}",
				placeholder: '2026-01-31',
				description:
					'The calendar day (YYYY-MM-DD, São Paulo time) whose totals to get. Defaults to yesterday; left empty it means yesterday too. Each input item may carry its own date.',
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
						displayName: 'Max Wait (Minutes)',
						name: 'maxWaitMinutes',
						type: 'number',
						typeOptions: { minValue: 0 },
						default: DEFAULT_MAX_WAIT_MINUTES,
						description:
							'The longest the node waits for the window when "On Rate Limit" is "Wait". The API allows one request per 5 minutes per token.',
					},
					{
						displayName: 'On Rate Limit',
						name: 'onRateLimit',
						type: 'options',
						default: 'wait',
						options: [
							{
								name: 'Wait',
								value: 'wait',
								description: "Wait for the token's 5-minute window to free, up to Max Wait",
							},
							{
								name: 'Fail',
								value: 'fail',
								description: 'Fail at once with the time the window frees',
							},
						],
						description:
							'What to do when the token was used less than 5 minutes ago (by this or another workflow in this n8n)',
					},
					{
						displayName: 'Timeout (Seconds)',
						name: 'timeoutSeconds',
						type: 'number',
						typeOptions: { minValue: 1 },
						default: DEFAULT_TIMEOUT_SECONDS,
						description:
							'The longest one request may take before it counts as a network failure (retried twice, then an error)',
					},
				],
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const returnData: INodeExecutionData[] = [];
		const signal = this.getExecutionCancelSignal();

		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			try {
				const date = dateOf(this.getNodeParameter('date', itemIndex, ''));
				const output = this.getNodeParameter('output', itemIndex, 'users');
				if (!isLeadTotalsOutput(output)) {
					throw new NodeOperationError(this.getNode(), `Unknown output "${String(output)}".`, { itemIndex });
				}
				const options = this.getNodeParameter('options', itemIndex, {}) as LeadTotalsOptions;
				const onRateLimit = options.onRateLimit ?? 'wait';
				const maxWaitMinutes = options.maxWaitMinutes ?? DEFAULT_MAX_WAIT_MINUTES;
				const timeoutSeconds = options.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS;
				// Expressions can bypass the fields' minimum values, so they are checked here too.
				if (!Number.isFinite(maxWaitMinutes) || maxWaitMinutes < 0) {
					throw new NodeOperationError(this.getNode(), `Max Wait must be 0 minutes or more, got ${String(maxWaitMinutes)}.`, {
						itemIndex,
						description: 'Set Options → Max Wait (Minutes) to 0 (do not wait) or more; the API frees a window every 5 minutes.',
					});
				}
				if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0) {
					throw new NodeOperationError(this.getNode(), `Timeout must be more than 0 seconds, got ${String(timeoutSeconds)}.`, {
						itemIndex,
						description: 'Set Options → Timeout (Seconds) to 1 or more (default 30).',
					});
				}
				const client = await crmZenClientFor(this, {
					onRateLimit,
					maxWaitMs: maxWaitMinutes * 60_000,
					timeoutMs: timeoutSeconds * 1000,
				});
				const result = await client.getTotalsResult(date, signal ? { signal } : {});
				for (const json of leadTotalsJson(result, output, options.includeRaw === true)) {
					returnData.push({ json, pairedItem: { item: itemIndex } });
				}
			} catch (error) {
				if (this.continueOnFail()) {
					returnData.push({ json: crmZenErrorJson(error) as IDataObject, pairedItem: { item: itemIndex } });
					continue;
				}
				throw crmZenNodeError(this.getNode(), error, itemIndex);
			}
		}

		return [returnData];
	}
}

/** The `date` parameter as the core wants it; empty means yesterday in São Paulo. */
function dateOf(value: unknown): string {
	const text = typeof value === 'string' ? value.trim() : String(value ?? '');
	return text === '' ? yesterdayInSaoPaulo(Date.now()) : text;
}

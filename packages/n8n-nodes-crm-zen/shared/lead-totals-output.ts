import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { summarize, toBreakdownRows, toUserRows, type TotalsResult } from './zen-core';

/** How a day's totals become items. */
export type LeadTotalsOutput = 'users' | 'breakdown' | 'summary' | 'full';

/** The "Include Raw Payload" option, shared by the action node and the trigger. */
export const includeRawOption: INodeProperties = {
	displayName: 'Include Raw Payload',
	name: 'includeRaw',
	type: 'boolean',
	default: false,
	description:
		"Whether to add the API's response, as sent (Portuguese field names), as `raw` to the Summary and Full outputs",
};

/** The `output` parameter, shared by the action node and the trigger. */
export const leadTotalsOutputProperty: INodeProperties = {
	displayName: 'Output',
	name: 'output',
	type: 'options',
	noDataExpression: true,
	default: 'users',
	options: [
		{
			name: 'Users',
			value: 'users',
			description: 'One item per user: date, user, totalLeads',
		},
		{
			name: 'Breakdown',
			value: 'breakdown',
			description:
				'One item per user × dimension × entry: date, user, dimension (origin, segment, automation, productOrService), code, name, count',
		},
		{
			name: 'Summary',
			value: 'summary',
			description:
				'One item per day: totals per dimension, error counts and how evenly leads were spread (top user share, Gini)',
		},
		{
			name: 'Full',
			value: 'full',
			description: 'One item per day holding the whole normalised totals object',
		},
	],
};

/** True for a valid `output` value (the parameter can still arrive from an imported workflow). */
export function isLeadTotalsOutput(value: unknown): value is LeadTotalsOutput {
	return value === 'users' || value === 'breakdown' || value === 'summary' || value === 'full';
}

/**
 * The items' JSON for one day. `includeRaw` adds the API's payload (wire names) as `raw` to the
 * one-per-day outputs; per-user and per-entry items never repeat it.
 */
export function leadTotalsJson(
	result: TotalsResult,
	output: LeadTotalsOutput,
	includeRaw = false,
): IDataObject[] {
	const { totals } = result;
	switch (output) {
		case 'users':
			return toUserRows(totals).map((row) => ({ ...row }));
		case 'breakdown':
			return toBreakdownRows(totals).map((row) => ({ ...row }));
		case 'summary':
			return [{ ...summarize(totals), ...(includeRaw ? { raw: result.raw as IDataObject } : {}) }];
		case 'full':
			return [
				{
					...(totals as unknown as IDataObject),
					...(includeRaw ? { raw: result.raw as IDataObject } : {}),
				},
			];
	}
}

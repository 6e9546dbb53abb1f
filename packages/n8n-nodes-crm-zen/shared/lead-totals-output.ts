import type { IDataObject, IExecuteFunctions, INodeProperties, NodeExecutionHint } from 'n8n-workflow';

import type { FetchedDay } from './crm-zen-client';
import { roundedDuration } from './error-text';
import { formatSaoPauloDateTime, summarize, todayInSaoPaulo, toBreakdownRows, toUserRows, type WaitEvent } from './zen-core';

/** How a day's totals become items. */
export type LeadTotalsOutput = 'users' | 'breakdown' | 'summary' | 'full';

/** The Output field's names, as an n8n expression object: both nodes' subtitles start with them. */
export const OUTPUT_NAMES_EXPRESSION = "{users:'Users',breakdown:'Breakdown',summary:'Summary',full:'Full totals'}";

/** The "Include Raw Payload" option, shared by the action node and the trigger. */
export const includeRawOption: INodeProperties = {
	displayName: 'Include Raw Payload',
	name: 'includeRaw',
	type: 'boolean',
	default: false,
	// Only the one-item-per-day outputs carry it.
	displayOptions: { show: { '/output': ['summary', 'full'] } },
	description: "Whether to add the API's response, as sent (Portuguese field names), as `raw` to each item",
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

/** How the items are shaped: each typeVersion exactly as it was released. */
export interface LeadTotalsShape {
	includeRaw: boolean;
	/**
	 * 2: the one-per-day outputs carry `fromCache` and `fetchedAt`, and a day without rows still
	 * gives one item (`noLeads` / `noBreakdown`). 3: every row carries `fromCache` and `fetchedAt`,
	 * and a day without rows gives no items, as n8n's nodes do ("Always Output Data" for one).
	 */
	version: 1 | 2 | 3;
}

/** The items' JSON for one day. Per-user and per-entry items never repeat the raw payload. */
export function leadTotalsJson(day: FetchedDay, output: LeadTotalsOutput, shape: LeadTotalsShape): IDataObject[] {
	const { totals, raw } = day;
	const { version } = shape;
	const provenance = version >= 2 ? { fromCache: day.fromCache, fetchedAt: day.fetchedAt.toISOString() } : {};
	const perDay = { ...(shape.includeRaw ? { raw: raw as IDataObject } : {}), ...provenance };
	// Rows: typeVersion 3 says where each came from; 2 only on its one-per-day outputs.
	const perRow = version >= 3 ? provenance : {};
	switch (output) {
		case 'users': {
			const rows = toUserRows(totals).map((row) => ({ ...row, ...perRow }));
			return rows.length > 0 || version !== 2 ? rows : [{ date: totals.date, user: null, totalLeads: 0, noLeads: true }];
		}
		case 'breakdown': {
			const rows = toBreakdownRows(totals).map((row) => ({ ...row, ...perRow }));
			if (rows.length > 0 || version !== 2) return rows;
			return [{ date: totals.date, user: null, dimension: null, code: null, name: null, count: 0, noBreakdown: true }];
		}
		case 'summary':
			return [{ ...summarize(totals), ...perDay }];
		case 'full':
			return [{ ...(totals as unknown as IDataObject), ...perDay }];
	}
}

/** Waits shorter than this are not worth a hint (a request's own latency is not a wait). */
const NOTABLE_WAIT_MS = 1_000;

/**
 * What an execution's output pane says about how its days were obtained: how long it waited for
 * the token's rate-limit window, and which days came from the cache (fetched when, by whom
 * unknown: another execution, the credential test or an earlier run).
 */
export function executionHintsFor(days: readonly FetchedDay[], now: number = Date.now()): NodeExecutionHint[] {
	const hints: NodeExecutionHint[] = [];
	const several = new Set(days.map((day) => day.date)).size > 1;
	const windowWaits = days.filter((day) => !day.fromCache && day.waitedMs >= NOTABLE_WAIT_MS);
	if (windowWaits.length > 0) {
		const total = windowWaits.reduce((sum, day) => sum + day.waitedMs, 0);
		const which = several ? ` (${windowWaits.map((day) => day.date).join(', ')})` : '';
		hints.push(info(`Waited ${roundedDuration(total)} for CRM Zen's rate-limit window${which}: the API allows one request per 5 minutes per token.`));
	}
	const cached = new Map(days.filter((day) => day.fromCache).map((day) => [day.date, day]));
	for (const day of cached.values()) {
		const subject = several ? `${day.date}: served` : 'Served';
		const fetched = ` (fetched ${fetchTime(day.fetchedAt, now)})`;
		const waited =
			day.waitedMs >= NOTABLE_WAIT_MS ? ` after waiting ${roundedDuration(day.waitedMs)} for another run fetching it` : '';
		hints.push(info(`${subject} from cache${fetched}${waited}; no request was sent.`));
	}
	return hints;
}

/**
 * Writes "waiting until …" into the execution's hints (and n8n's log) as soon as a day's wait
 * starts, once per day: an execution cancelled or timed out while it waits still says why.
 */
export function waitHinter(context: IExecuteFunctions): (event: WaitEvent) => void {
	const told = new Set<string>();
	return (event) => {
		if (told.has(event.date) || event.waitMs < NOTABLE_WAIT_MS) return;
		told.add(event.date);
		const message = `Waiting until ${formatSaoPauloDateTime(event.retryAt).slice(11, 19)} (São Paulo) for CRM Zen's rate-limit window to get ${event.date}.`;
		context.logger?.info(message);
		if (typeof context.addExecutionHints === 'function') context.addExecutionHints(info(message));
	};
}

/** "10:02" for a fetch today (São Paulo), "2026-01-05 10:02" otherwise. */
function fetchTime(at: Date, now: number): string {
	const stamp = formatSaoPauloDateTime(at);
	return stamp.startsWith(todayInSaoPaulo(now)) ? stamp.slice(11, 16) : stamp.slice(0, 16);
}

function info(message: string): NodeExecutionHint {
	return { message, type: 'info', location: 'outputPane' };
}

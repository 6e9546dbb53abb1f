import type { IExecuteFunctions } from 'n8n-workflow';

import type { CrmZenClientOptions } from '../../shared/crm-zen-client';
import { isLeadTotalsOutput, type LeadTotalsOutput, type LeadTotalsShape } from '../../shared/lead-totals-output';
import { FieldError } from '../../shared/node-error';
import { dayOfDateField, requestedDays, type DayChoice } from '../../shared/requested-days';
import { DEFAULT_EXECUTION_WAIT_MINUTES } from './execution-budget';
import { DEFAULT_MAX_WAIT_MINUTES, DEFAULT_TIMEOUT_SECONDS } from './lead-totals-properties';

/** The node's `options` collection. */
interface LeadTotalsOptions {
	onRateLimit?: 'wait' | 'fail';
	maxWaitMinutes?: number;
	timeoutSeconds?: number;
	includeRaw?: boolean;
	useCache?: boolean;
	maxExecutionWaitMinutes?: number;
}

/** What one input item asks for. */
export interface LeadTotalsRequest {
	/** São Paulo days, oldest first. */
	days: string[];
	output: LeadTotalsOutput;
	shape: LeadTotalsShape;
	client: Required<Omit<CrmZenClientOptions, 'gateway'>>;
	/** typeVersion 3: the whole execution's bound on waiting. */
	maxExecutionWaitMs: number | undefined;
}

/**
 * One item's parameters, checked before anything is sent; a bad one is a `FieldError` naming the
 * field. typeVersion 1 reads "Date" (empty: yesterday); typeVersion 2 reads "Day" and its pickers.
 */
export function leadTotalsRequestOf(
	context: IExecuteFunctions,
	itemIndex: number,
	version: 1 | 2 | 3,
	now: number,
): LeadTotalsRequest {
	const days =
		version === 1
			? [dayOfDateField(context.getNodeParameter('date', itemIndex, ''), now)]
			: requestedDays(
					context.getNodeParameter('day', itemIndex, 'yesterday') as DayChoice,
					(field) => context.getNodeParameter(field, itemIndex, ''),
					now,
				);
	const output = context.getNodeParameter('output', itemIndex, 'users');
	if (!isLeadTotalsOutput(output)) {
		throw new FieldError('Output', `Output "${String(output)}" is not one of the choices.`, 'Set Output to Users, Breakdown, Summary or Full.');
	}
	const options = context.getNodeParameter('options', itemIndex, {}) as LeadTotalsOptions;
	return {
		days,
		output,
		shape: { includeRaw: options.includeRaw === true, version },
		client: { ...clientOptionsOf(options, version >= 2 && isTool(context)), useCache: version < 3 || options.useCache !== false },
		maxExecutionWaitMs: version >= 3 ? minutesOf('Max Wait Per Execution (Minutes)', options.maxExecutionWaitMinutes ?? DEFAULT_EXECUTION_WAIT_MINUTES) * 60_000 : undefined,
	};
}

function clientOptionsOf(options: LeadTotalsOptions, asTool: boolean): LeadTotalsRequest['client'] {
	const onRateLimit = options.onRateLimit ?? (asTool ? 'fail' : 'wait');
	if (onRateLimit !== 'wait' && onRateLimit !== 'fail') {
		throw new FieldError('On Rate Limit', `On Rate Limit "${String(onRateLimit)}" is not one of the choices.`, 'Set Options → On Rate Limit to Wait or Fail.');
	}
	const maxWaitMinutes = minutesOf('Max Wait (Minutes)', options.maxWaitMinutes ?? DEFAULT_MAX_WAIT_MINUTES);
	const timeoutSeconds = options.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS;
	if (typeof timeoutSeconds !== 'number' || !Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0) {
		throw new FieldError(
			'Timeout (Seconds)',
			`Timeout (Seconds) must be more than 0, got ${String(timeoutSeconds)}.`,
			`Set Options → Timeout (Seconds) to 1 or more (default ${DEFAULT_TIMEOUT_SECONDS}).`,
		);
	}
	return { onRateLimit, maxWaitMs: maxWaitMinutes * 60_000, timeoutMs: timeoutSeconds * 1000, useCache: true };
}

/** A wait option in minutes, checked here too: expressions can bypass the fields' minimum values. */
function minutesOf(field: string, value: unknown): number {
	if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return value;
	throw new FieldError(
		field,
		`${field} must be 0 or more, got ${String(value)}.`,
		`Set Options → ${field} to 0 (do not wait) or more; the API frees a window every 5 minutes.`,
	);
}

/** True when an AI agent runs the node as a tool (n8n ≥ 1.9x; older n8n never did). */
function isTool(context: IExecuteFunctions): boolean {
	return typeof context.isToolExecution === 'function' && context.isToolExecution();
}

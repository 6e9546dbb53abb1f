import { NodeApiError, NodeOperationError, type INode } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { crmZenErrorJson, crmZenNodeError } from '../shared/crm-zen-node-error';
import { RateLimitedError, ZenAuthError, ZenInputError, ZenNetworkError } from '../shared/zen-core';

const node: INode = {
	id: 'node-1',
	name: 'CRM Zen Lead Totals',
	type: 'n8n-nodes-crm-zen.crmZenLeadTotals',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

const retryAt = new Date('2026-03-10T12:05:01Z');

describe('crmZenNodeError', () => {
	it('turns a 429 into a NodeApiError with the HTTP code, the retry time and a rate-limited failure', () => {
		const error = crmZenNodeError(
			node,
			new RateLimitedError('limited', 'Try later.', { reason: 'api', status: 429, apiMessage: 'Você excedeu…', retryAt, retryAfterMs: 42_000, windowMs: 300_000 }),
			3,
		);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error).toMatchObject({
			httpCode: '429',
			failure: { cause: 'rate-limited', retryAfterMs: 42_000, resetsAtEpochMs: retryAt.getTime() },
			context: { itemIndex: 3 },
		});
		expect(error.description).toContain('2026-03-10 09:05:01');
	});

	it('turns a refusal by the local guard (nothing sent) into a NodeOperationError with the same failure', () => {
		const error = crmZenNodeError(node, new RateLimitedError('window taken', 'Nothing was sent.', { reason: 'fail-mode', retryAt, retryAfterMs: 1_000, windowMs: 300_000 }));
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error).not.toBeInstanceOf(NodeApiError);
		expect(error.failure).toEqual({ cause: 'rate-limited', retryAfterMs: 1_000, resetsAtEpochMs: retryAt.getTime() });
	});

	it('marks a 401 as an invalid credential, keeping the API message', () => {
		const error = crmZenNodeError(node, new ZenAuthError('refused', 'Copy it again.', 'invalid', { apiMessage: 'Token inválido' }));
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error).toMatchObject({ httpCode: '401', failure: { cause: 'credential-invalid' } });
		expect(error.description).toContain('Token inválido');
	});

	it('reports bad input as configuration and network trouble as temporary, without an HTTP code', () => {
		expect(crmZenNodeError(node, new ZenInputError('date', 'format', 'bad date', 'Write YYYY-MM-DD.'))).toMatchObject({
			failure: { cause: 'configuration-invalid' },
		});
		const network = crmZenNodeError(node, new ZenNetworkError('no answer', 'Try later.', 'timeout'));
		expect(network).toBeInstanceOf(NodeOperationError);
		expect(network.failure).toEqual({ cause: 'temporarily-unavailable' });
	});

	it('passes n8n errors through untouched', () => {
		const original = new NodeOperationError(node, 'already an n8n error');
		expect(crmZenNodeError(node, original)).toBe(original);
	});
});

describe('crmZenErrorJson', () => {
	it('gives the continue-on-fail item the message and the plain details, retry time included', () => {
		const json = crmZenErrorJson(new RateLimitedError('limited', 'Try later.', { reason: 'api', status: 429, retryAt, retryAfterMs: 42_000, windowMs: 300_000 }));
		expect(json).toEqual({
			error: 'limited Try later.',
			code: 'ZEN_RATE_LIMITED',
			problem: 'limited',
			hint: 'Try later.',
			status: 429,
			reason: 'api',
			source: 'api',
			retryAt: retryAt.toISOString(),
			retryAfterMs: 42_000,
			windowMs: 300_000,
		});
	});
});

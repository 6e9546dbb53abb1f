// Workflows and credentials for the end-to-end runs, as a user would import them.
import { randomUUID } from 'node:crypto';

export const NODE_TYPE = 'n8n-nodes-crm-zen.crmZenLeadTotals';
export const TRIGGER_TYPE = 'n8n-nodes-crm-zen.crmZenLeadTotalsTrigger';

export function credential(id, name, url, token, extra = {}) {
	return { id, name, type: 'crmZenApi', data: { url, token, ...extra } };
}

function crmZenNode(id, node, index) {
	return {
		id: `${id}-${index}`,
		name: node.name,
		type: NODE_TYPE,
		typeVersion: node.typeVersion ?? 1,
		position: [300, index * 200],
		parameters: node.parameters,
		credentials: { crmZenApi: { id: node.credential.id, name: node.credential.name } },
		...(node.continueOnFail ? { continueOnFail: true } : {}),
	};
}

/**
 * A workflow whose Manual Trigger (what `n8n execute` needs) feeds each CRM Zen node in turn
 * (v1 order runs branches top to bottom). `nodes`: { name, credential, parameters,
 * typeVersion? (default 1, as workflows saved before typeVersion 2), continueOnFail? }.
 */
export function workflow(id, name, nodes, settings = {}) {
	const trigger = {
		id: `${id}-start`,
		name: 'Start',
		type: 'n8n-nodes-base.manualTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	return {
		id,
		name,
		active: false,
		settings: { executionOrder: 'v1', ...settings },
		nodes: [trigger, ...nodes.map((node, index) => crmZenNode(id, node, index))],
		connections: {
			Start: { main: [nodes.map((node) => ({ node: node.name, type: 'main', index: 0 }))] },
		},
	};
}

/** A workflow started by `GET /webhook/<path>` once activated, answering with the first item of its one CRM Zen node. */
export function webhookWorkflow(id, name, path, node) {
	const webhook = {
		id: `${id}-hook`,
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		webhookId: randomUUID(),
		position: [0, 0],
		parameters: { httpMethod: 'GET', path, responseMode: 'lastNode', options: {} },
	};
	return {
		id,
		name,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [webhook, crmZenNode(id, node, 0)],
		connections: { Webhook: { main: [[{ node: node.name, type: 'main', index: 0 }]] } },
	};
}

/** A workflow started by the CRM Zen trigger, polling every minute once activated. */
export function triggerWorkflow(id, name, trigger) {
	return {
		id,
		name,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: `${id}-trigger`,
				name: trigger.name,
				type: TRIGGER_TYPE,
				typeVersion: trigger.typeVersion ?? 2,
				position: [0, 0],
				parameters: { pollTimes: { item: [{ mode: 'everyMinute' }] }, ...trigger.parameters },
				credentials: { crmZenApi: { id: trigger.credential.id, name: trigger.credential.name } },
			},
		],
		connections: {},
	};
}

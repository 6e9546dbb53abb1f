// Workflows and credentials for the end-to-end run, as a user would import them. Each
// workflow starts with a Manual Trigger (what `n8n execute` needs).
export const NODE_TYPE = 'n8n-nodes-crm-zen.crmZenLeadTotals';

export function credential(id, name, url, token) {
	return { id, name, type: 'crmZenApi', data: { url, token } };
}

/**
 * A workflow whose Manual Trigger feeds each CRM Zen node in turn (v1 order runs branches top
 * to bottom). `nodes`: { name, credential, parameters, continueOnFail? }.
 */
export function workflow(id, name, nodes) {
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
		settings: { executionOrder: 'v1' },
		nodes: [
			trigger,
			...nodes.map((node, index) => ({
				id: `${id}-${index}`,
				name: node.name,
				type: NODE_TYPE,
				typeVersion: 1,
				position: [300, index * 200],
				parameters: node.parameters,
				credentials: { crmZenApi: { id: node.credential.id, name: node.credential.name } },
				...(node.continueOnFail ? { continueOnFail: true } : {}),
			})),
		],
		connections: {
			Start: { main: [nodes.map((node) => ({ node: node.name, type: 'main', index: 0 }))] },
		},
	};
}

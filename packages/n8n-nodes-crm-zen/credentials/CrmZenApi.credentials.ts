import type { IAuthenticateGeneric, Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * The integration URL and token from CRM Zen's Integration screen (gear icon → Integração).
 * The token travels only in the `token` header that `authenticate` adds; nodes never copy it
 * into items, errors or URLs. The test is the nodes' `crmZenApiTest` method (`testedBy`): it
 * keeps what it fetched for the first run, which a declarative test request cannot.
 */
export class CrmZenApi implements ICredentialType {
	name = 'crmZenApi';

	displayName = 'CRM Zen API';

	icon: Icon = { light: 'file:crmZen.svg', dark: 'file:crmZen.dark.svg' };

	// Written from PROJECT_HOME by scripts/project-home.mjs, like every link of the package.
	documentationUrl = 'https://git.zen-leads.invalid/zen-leads/zen-lead-totals/tree/main/packages/n8n-nodes-crm-zen#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'URL',
			name: 'url',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. https://app.crmzen.example/api/totais_lead',
			description:
				'The integration URL shown on CRM Zen\'s Integration screen (gear icon → Integração) for "Totais de Distribuição de Leads por usuários"',
		},
		{
			displayName: 'Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The token shown next to the integration URL. Spaces and line breaks around it are ignored. Never share it.',
		},
		{
			// The name stays `allowInsecureHttp`: saved credentials keep their setting.
			displayName: 'Allow Plain HTTP (Gateway On Your Own Network)',
			name: 'allowInsecureHttp',
			type: 'boolean',
			default: false,
			description:
				"Whether URL is a zen-leads serve gateway reached over plain http:// on your own network (e.g. n8n's queue mode). The node first checks, without the token, that the URL answers as a gateway, and only then sends Token — a gateway client key, never the CRM token, which stays in the gateway. CRM Zen itself uses https://: leave this off for it.",
		},
		{
			displayName:
				'Testing sends one request for yesterday\'s totals (kept for the first run); once a test succeeded, later tests of the same URL and token send nothing. Through a zen-leads gateway the test only checks the client key and sends nothing to CRM Zen.',
			name: 'testNotice',
			type: 'notice',
			default: '',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				// Trimmed as the nodes trim it: a pasted token often ends in a newline.
				token: '={{ String($credentials.token).trim() }}',
			},
		},
	};
}

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
			displayName: 'Allow Plain HTTP (Test Servers Only)',
			name: 'allowInsecureHttp',
			type: 'boolean',
			default: false,
			description:
				'Whether to allow an http:// URL to a host other than this machine. The token would travel unencrypted: use it only for a trusted test server. CRM Zen itself uses https://.',
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

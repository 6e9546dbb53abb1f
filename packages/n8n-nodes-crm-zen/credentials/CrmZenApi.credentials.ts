import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

/**
 * The integration URL and token from CRM Zen's Integration screen (gear icon → Integração).
 * The token travels only in the `token` header that `authenticate` adds; nodes never copy it
 * into items, errors or URLs.
 */
export class CrmZenApi implements ICredentialType {
	name = 'crmZenApi';

	displayName = 'CRM Zen API';

	icon: Icon = { light: 'file:crmZen.svg', dark: 'file:crmZen.dark.svg' };

	documentationUrl = 'https://zen-leads.invalid/n8n-nodes-crm-zen#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Integration URL',
			name: 'url',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://…/totais-lead',
			description:
				'The URL shown on CRM Zen\'s Integration screen for "Totais de Distribuição de Leads por usuários"',
		},
		{
			displayName: 'Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The token shown next to the integration URL. Never share it.',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				token: '={{$credentials.token}}',
			},
		},
	};

	// The API has no free endpoint: this test asks for one fixed past day, so a successful test
	// spends the token's 5-minute window (the nodes then wait for it, or fail with the time it
	// frees). A 429 only says the window is in use.
	test: ICredentialTestRequest = {
		request: {
			method: 'GET',
			url: '={{$credentials.url}}',
			qs: { data: '2024-01-01' },
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'CRM Zen rejected the token (HTTP 401): it is wrong, disabled or missing. Copy it again from the Integration screen.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 429,
					message:
						'CRM Zen answered 429: this token\'s 5-minute request window is in use (a request was made less than 5 minutes ago). Test again once it frees.',
				},
			},
		],
	};
}

import {
	NodeConnectionTypes,
	NodeOperationError,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';

import { runAlertPoll, sampleAlertPoll, type AlertPollDeps, type AlertPollState } from '../../shared/alert-poll';
import { crmZenCredentialOf, crmZenDaysFor, processCache } from '../../shared/crm-zen-client';
import { fetchGatewayAlerts } from '../../shared/gateway-alerts';
import { isZenGateway, plainGetOf } from '../../shared/gateway-check';
import { createN8nTransport } from '../../shared/n8n-transport';
import { crmZenCredentialMethods } from '../../shared/credential-test';
import { runDailyPoll, sampleDailyPoll, type DailyPollDeps, type DailyPollState } from '../../shared/daily-poll';
import { leadTotalsJson, OUTPUT_NAMES_EXPRESSION } from '../../shared/lead-totals-output';
import { crmZenNodeError } from '../../shared/node-error';
import { triggerProperties } from './trigger-properties';
import { triggerSettingsOf } from './trigger-settings';

export class CrmZenLeadTotalsTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'CRM Zen Lead Totals Trigger',
		name: 'crmZenLeadTotalsTrigger',
		icon: { light: 'file:crmZen.svg', dark: 'file:crmZen.dark.svg' },
		group: ['trigger'],
		// 2: `fromCache` on per-day items and one item for a day without rows. 3: no item for a day
		// without rows, `fromCache`/`fetchedAt` on every row. Earlier versions are served as they were.
		version: [1, 2, 3],
		defaultVersion: 3,
		subtitle: `={{ $parameter["event"] === 'alert' ? 'Alerts of the gateway' : (${OUTPUT_NAMES_EXPRESSION}[$parameter["output"]] || 'Users') + ' of each closed day' }}`,
		description:
			"Starts the workflow when a day closes in São Paulo, with that day's CRM Zen lead-distribution totals, or when a zen-leads gateway raises an alert",
		defaults: {
			name: 'CRM Zen Lead Totals Trigger',
		},
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		// n8n's lint reads `testedBy` here, literally: the credential's test is the nodes' method.
		credentials: [{ name: 'crmZenApi', required: true, testedBy: 'crmZenApiTest' }],
		properties: triggerProperties,
	};

	methods: INodeType['methods'] = crmZenCredentialMethods;

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const manual = this.getMode() === 'manual';
		try {
			const settings = triggerSettingsOf(this);
			if (settings.event === 'alert') return await pollAlerts(this, manual);
			// Never wait inside a poll: a day refused by the window is left for a later poll.
			const days = await crmZenDaysFor(this, { onRateLimit: 'fail', maxWaitMs: 0 });
			const deps: DailyPollDeps = { now: () => Date.now(), fetchDay: async (date) => await days.getDay(date) };
			const toItems = (emitted: Awaited<ReturnType<DailyPollDeps['fetchDay']>>[]): INodeExecutionData[] =>
				emitted.flatMap((day) => leadTotalsJson(day, settings.output, settings.shape).map((json) => ({ json })));

			if (manual) return [toItems([await sampleDailyPoll(deps)])];

			const staticData = this.getWorkflowStaticData('node');
			const state: DailyPollState =
				typeof staticData.lastEmittedDate === 'string' ? { lastEmittedDate: staticData.lastEmittedDate } : {};
			const { emitted, state: next } = await runDailyPoll(state, deps, settings.poll);
			if (next.lastEmittedDate !== undefined) staticData.lastEmittedDate = next.lastEmittedDate;
			const items = toItems(emitted);
			return items.length === 0 ? null : [items];
		} catch (error) {
			throw crmZenNodeError(this.getNode(), error, { kind: 'trigger', manual });
		}
	}
}

/**
 * The Alert event: the gateway's new alerts, each emitted once (the newest emitted is kept in the
 * node's static data). Only a gateway has alerts: any other URL is refused before the key is sent.
 */
async function pollAlerts(context: IPollFunctions, manual: boolean): Promise<INodeExecutionData[][] | null> {
	const credential = crmZenCredentialOf((await context.getCredentials('crmZenApi')) as ICredentialDataDecryptedObject);
	if (!(await isZenGateway(credential.url, plainGetOf(context), processCache))) throw eventError(context, NOT_A_GATEWAY);
	const transport = createN8nTransport(context);
	const deps: AlertPollDeps = { now: () => Date.now(), fetchAlerts: async (since) => await fetchGatewayAlerts(transport, credential, since) };
	if (manual) {
		const sample = await sampleAlertPoll(deps);
		if (sample === undefined) throw eventError(context, NO_ALERT_YET);
		return [[{ json: sample as IDataObject }]];
	}
	const staticData = context.getWorkflowStaticData('node');
	const state: AlertPollState = {
		...(typeof staticData.lastAlertAt === 'string' ? { lastAlertAt: staticData.lastAlertAt } : {}),
		...(Array.isArray(staticData.lastAlertIds) ? { lastAlertIds: staticData.lastAlertIds as string[] } : {}),
	};
	const { emitted, state: next } = await runAlertPoll(state, deps);
	if (next.lastAlertAt !== undefined) staticData.lastAlertAt = next.lastAlertAt;
	if (next.lastAlertIds !== undefined) staticData.lastAlertIds = next.lastAlertIds;
	return emitted.length === 0 ? null : [emitted.map((alert) => ({ json: alert as IDataObject }))];
}

/** Event set to something this credential cannot give: the problem, and the fix naming the fields. */
function eventError(context: IPollFunctions, [problem, hint]: readonly [string, string]): NodeOperationError {
	return new NodeOperationError(context.getNode(), problem, { description: hint, failure: { cause: 'configuration-invalid' } });
}

const NOT_A_GATEWAY: [string, string] = [
	'Event "Alert" reads the alerts of a zen-leads gateway, but the credential\'s URL does not answer as one (its /healthz has no zen-gateway header); nothing was sent.',
	"Point the CRM Zen API credential at the gateway's /api/totais_lead with one of its client keys as Token, or set Event to Day Closed.",
];

const NO_ALERT_YET: [string, string] = [
	'The gateway has raised no alert today or yesterday, so there is no sample to show.',
	'Activate the workflow: each alert is emitted as it fires. The gateway raises alerts only when started with an alerts file (zen-leads serve --alerts FILE).',
];

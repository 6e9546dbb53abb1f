// The package inside one running n8n (`n8n start`), as it is used every day: an activated
// polling trigger, webhook-started executions that share the process, the credential test from
// the REST API the editor calls, and the hints an execution shows. Requests go to the simulator
// over loopback; the Alert event's to a gateway (`zen-leads serve --alerts`) in front of a simulator
// whose today grows.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { createSimulator, formatSaoPauloDateTime, saoPauloDateOf, tokenHash } from '@zen-leads/simulator';
import { serve } from '@zen-leads/simulator/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { buildGatewayCli, startGateway } from './gateway-process.mjs';
import { N8nSandbox } from './n8n-sandbox.mjs';
import { N8nServer } from './n8n-server.mjs';
import { credential, triggerWorkflow, webhookWorkflow } from './workflows.mjs';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const TOKENS = {
	trigger: 'e2e-server-trigger-token-41',
	tested: 'e2e-server-tested-token-52',
	shared: 'e2e-server-shared-token-63',
	waiting: 'e2e-server-waiting-token-74',
	v3wait: 'e2e-server-waiting3-token-85',
};
// Short, so that a run waiting for it waits seconds; the client's own record of the window keeps 5 minutes.
const WINDOW_MS = 6_000;
const SAME_DAY = '2026-01-07';
const WAIT_DAY = '2026-01-08';
const TRIGGER_WORKFLOW = 'zenE2eTrigger01';
const ALERT_WORKFLOW = 'zenE2eAlerts001';
const ALERTS_UPSTREAM_TOKEN = 'e2e-server-alerts-upstream-96';
const ALERTS_CLIENT_KEY = 'e2e-server-alerts-client-key-07';
const ALERTS_T0 = Date.now();
// Today from 08:00 São Paulo, 60 times as fast: a gateway window (200 ms + 1 s) is 72 s of the day.
const alertsToday = (faults = []) => ({ timeOfDay: () => 8 * 3_600_000 + (Date.now() - ALERTS_T0) * 60, faults });
const yesterday = () => {
	const today = saoPauloDateOf(Date.now());
	const noon = Date.parse(`${today}T15:00:00Z`);
	return saoPauloDateOf(noon - 86_400_000);
};

let simulator;
let apiServer;
let alertsSimulator;
let alertsUpstream;
let gateway;
let sandbox;
let n8n;
let packDir;
const creds = {};

beforeAll(async () => {
	packDir = mkdtempSync(join(tmpdir(), 'zen-n8n-pack-'));
	const tarball = execFileSync('node', [join(packageDir, 'scripts', 'pack.mjs'), packDir], { encoding: 'utf8' }).trim();
	simulator = createSimulator({ tokens: Object.values(TOKENS), windowMs: WINDOW_MS });
	apiServer = await serve(simulator, { hostname: '127.0.0.1' });
	sandbox = new N8nSandbox({ tarball });

	for (const [key, token] of Object.entries(TOKENS)) {
		creds[key] = credential(`zenE2eSrv${key.slice(0, 6)}1`, `CRM Zen (${key})`, apiServer.url, token);
	}
	buildGatewayCli();
	alertsSimulator = createSimulator({ tokens: [ALERTS_UPSTREAM_TOKEN], windowMs: 200, today: alertsToday() });
	alertsUpstream = await serve(alertsSimulator, { hostname: '127.0.0.1' });
	const rules = join(packDir, 'alerts.json');
	writeFileSync(rules, JSON.stringify({ lang: 'en', rules: [{ name: 'errors-up', kind: 'problem-count', problem: 'withError', increaseBy: 10 }] }));
	gateway = await startGateway({ ZEN_URL: alertsUpstream.url, ZEN_TOKEN: ALERTS_UPSTREAM_TOKEN, ZEN_GATEWAY_KEYS: ALERTS_CLIENT_KEY }, 200, ['--alerts', rules, '--keep-today-fresh', '00:00-24:00']);
	creds.alerts = credential('zenE2eSrvalert1', 'CRM Zen (gateway alerts)', `${gateway.url}/api/totais_lead`, ALERTS_CLIENT_KEY);
	await sandbox.importCredentials(Object.values(creds));
	const node = (name, cred, parameters) => ({ name, credential: cred, typeVersion: 2, parameters });
	const waitOneMinute = { onRateLimit: 'wait', maxWaitMinutes: 1 };
	const workflows = [
		triggerWorkflow(TRIGGER_WORKFLOW, 'CRM Zen: daily trigger', { name: 'Daily Totals', credential: creds.trigger, parameters: { output: 'users' } }),
		triggerWorkflow(ALERT_WORKFLOW, 'CRM Zen: alerts', { name: 'Alerts', credential: creds.alerts, typeVersion: 3, parameters: { event: 'alert' } }),
		webhookWorkflow('zenE2eFirstRun1', 'CRM Zen: first run', 'zen-first-run', node('Totals', creds.tested, { day: 'yesterday', output: 'summary' })),
		webhookWorkflow('zenE2eSameDay01', 'CRM Zen: same day', 'zen-same-day', node('Totals', creds.shared, { day: 'specificDate', date: SAME_DAY, output: 'summary', options: waitOneMinute })),
		webhookWorkflow('zenE2eWaited001', 'CRM Zen: waits', 'zen-waits', node('Totals', creds.waiting, { day: 'specificDate', date: WAIT_DAY, output: 'summary', options: waitOneMinute })),
		webhookWorkflow('zenE2eWaited003', 'CRM Zen: waits (v3)', 'zen-waits-v3', {
			...node('Totals', creds.v3wait, { day: 'specificDate', date: WAIT_DAY, output: 'summary', options: waitOneMinute }),
			typeVersion: 3,
		}),
	];
	await sandbox.importWorkflows(workflows);
	n8n = await new N8nServer(sandbox).start();
	for (const { id } of workflows) await n8n.activate(id);
});

afterAll(async () => {
	await n8n?.stop();
	await apiServer?.close();
	gateway?.child.kill('SIGKILL');
	await alertsUpstream?.close();
	sandbox?.dispose();
	if (packDir) rmSync(packDir, { recursive: true, force: true });
});

async function logFor(token) {
	const hash = await tokenHash(token);
	return simulator.log.filter((entry) => entry.tokenHash === hash);
}

async function requestsFor(token) {
	return (await logFor(token)).map((entry) => [entry.date, entry.status]);
}

/** "10:02": an instant of today as São Paulo's clock shows it. */
function saoPauloClockTime(instant) {
	expect(saoPauloDateOf(instant)).toBe(saoPauloDateOf(Date.now()));
	return formatSaoPauloDateTime(instant).slice(11, 16);
}

function expectNoToken(text) {
	for (const token of Object.values(TOKENS)) expect(text).not.toContain(token);
}

describe('CRM Zen inside a running n8n 2.41.1', () => {
	it('activates the trigger, whose first poll emits yesterday', async () => {
		const [execution] = await n8n.waitFor(async () => {
			const found = await n8n.executions(TRIGGER_WORKFLOW);
			return found.length > 0 && found.every((entry) => entry.status !== 'new' && entry.status !== 'running') ? found : undefined;
		}, 60_000, 'the trigger\'s execution to finish');
		expect(execution.status).toBe('success');
		const items = execution.data.resultData.runData['Daily Totals'][0].data.main[0];
		expect(items.length).toBeGreaterThan(0);
		expect(new Set(items.map((item) => item.json.date))).toEqual(new Set([yesterday()]));
		expect(await requestsFor(TOKENS.trigger)).toEqual([[yesterday(), 200]]);
	});

	it('serves the first run for yesterday from the answer the credential test fetched', async () => {
		const tested = await n8n.rest('POST', '/rest/credentials/test', { credentials: creds.tested });
		expect(tested.status).toBe(200);
		expect(tested.body.data).toMatchObject({ status: 'OK' });
		expect(tested.body.data.message).toContain(yesterday());

		const run = await n8n.webhook('zen-first-run');
		expect(run.status, await n8n.lastError('zenE2eFirstRun1')).toBe(200);
		expect(run.json).toMatchObject({ date: yesterday(), fromCache: true });
		expect(await requestsFor(TOKENS.tested)).toEqual([[yesterday(), 200]]);

		const [execution] = await n8n.executions('zenE2eFirstRun1');
		const hints = execution.data.resultData.runData.Totals[0].hints.map((hint) => hint.message);
		// fetchedAt is when the credential test's request was answered, as the simulator saw it;
		// the hint gives it as São Paulo hh:mm.
		const [testRequest] = await logFor(TOKENS.tested);
		const fetchedAt = Date.parse(run.json.fetchedAt);
		expect(fetchedAt - testRequest.at).toBeGreaterThanOrEqual(0);
		expect(fetchedAt - testRequest.at).toBeLessThan(5_000);
		expect(hints).toEqual([`Served from cache (fetched ${saoPauloClockTime(fetchedAt)}); no request was sent.`]);
		expectNoToken(JSON.stringify(execution) + n8n.logs);
	});

	// The second run waits for the first one's request (the shared scheduler's in-flight wait)
	// and returns as soon as the answer is in the process's cache: no second request, no window.
	it('finishes two runs of one day started together within seconds of each other, with one request', async () => {
		simulator.setFault({ kind: 'slow', delayMs: 1_500, times: 1 }); // as a big account answers
		const [first, second] = await Promise.all([n8n.webhook('zen-same-day'), n8n.webhook('zen-same-day')]);
		expect([first.status, second.status], await n8n.lastError('zenE2eSameDay01')).toEqual([200, 200]);
		expect(Math.abs(first.at - second.at)).toBeLessThan(5_000);
		expect([first.json.fromCache, second.json.fromCache].sort()).toEqual([false, true]);
		expect(await requestsFor(TOKENS.shared)).toEqual([[SAME_DAY, 200]]);
	});

	// The 429's next-available time (plus the core's margin) replaces the local claim, so the run
	// waits seconds, within Max Wait, and then fetches.
	it('says in the execution hints how long a run waited for the rate-limit window', async () => {
		// Another machine spent this token's window just now.
		const spent = await fetch(`${apiServer.url}?data=2026-01-02`, { headers: { token: TOKENS.waiting } });
		expect(spent.status).toBe(200);

		const run = await n8n.webhook('zen-waits');
		expect(run.status, await n8n.lastError('zenE2eWaited001')).toBe(200);
		expect(run.json).toMatchObject({ date: WAIT_DAY, fromCache: false });
		expect((await requestsFor(TOKENS.waiting)).map(([, status]) => status)).toEqual([200, 429, 200]);

		const [execution] = await n8n.executions('zenE2eWaited001');
		const hints = execution.data.resultData.runData.Totals[0].hints.map((hint) => hint.message);
		expect(hints).toEqual([expect.stringMatching(/^Waited \d+(\.\d)?s for CRM Zen's rate-limit window: /)]);
	});

	// typeVersion 3 writes the wait into the hints as it starts (typeVersion 2 above keeps only the after-the-fact one).
	it('typeVersion 3: says "waiting until …" as soon as the wait starts, then how long it waited', async () => {
		const spent = await fetch(`${apiServer.url}?data=2026-01-02`, { headers: { token: TOKENS.v3wait } });
		expect(spent.status).toBe(200);
		const run = await n8n.webhook('zen-waits-v3');
		expect(run.status, await n8n.lastError('zenE2eWaited003')).toBe(200);
		const [execution] = await n8n.executions('zenE2eWaited003');
		const hints = execution.data.resultData.runData.Totals[0].hints.map((hint) => hint.message);
		expect(hints).toEqual([
			expect.stringMatching(new RegExp(`^Waiting until \\d{2}:\\d{2}:\\d{2} \\(São Paulo\\) for CRM Zen's rate-limit window to get ${WAIT_DAY}\\.$`)),
			expect.stringMatching(/^Waited \d+(\.\d)?s for CRM Zen's rate-limit window: /),
		]);
	});

	it('Event "Alert": the alert the gateway raises after activation starts one execution, its item the alert', async () => {
		// The first poll after activation only starts the count; then problem leads pile up.
		await n8n.waitFor(() => n8n.logs.includes('Poll trigger initiated for workflow "CRM Zen: alerts"'), 90_000, 'the alert trigger\'s first poll');
		// Past the poll's own moment: an alert raised before it would rightly not be emitted.
		await new Promise((resolve) => setTimeout(resolve, 2_000));
		const now = alertsToday().timeOfDay();
		const from = `${String(Math.floor(now / 3_600_000)).padStart(2, '0')}:${String(Math.floor((now % 3_600_000) / 60_000)).padStart(2, '0')}`;
		alertsSimulator.setToday(alertsToday([{ kind: 'problems-pile-up', problem: 'withError', from, perHour: 3_600 }]));
		const [execution] = await n8n.waitFor(async () => {
			const found = await n8n.executions(ALERT_WORKFLOW);
			return found.length > 0 && found.every((entry) => entry.status !== 'new' && entry.status !== 'running') ? found : undefined;
		}, 90_000, 'the alert trigger\'s execution to finish');
		expect(execution.status).toBe('success');
		const items = execution.data.resultData.runData.Alerts[0].data.main[0];
		expect(items.map((item) => item.json)).toEqual([expect.objectContaining({ rule: 'errors-up', kind: 'problem-count', threshold: 10, id: expect.any(String), text: expect.any(String) })]);
		expect(n8n.logs).not.toContain(ALERTS_CLIENT_KEY);
	}, 200_000);

	it('does not emit the same day again at the trigger\'s later polls', async () => {
		const polls = () => n8n.logs.split('Poll trigger initiated for workflow "CRM Zen: daily trigger"').length - 1;
		await n8n.waitFor(() => polls() >= 2, 90_000, 'a second poll of the trigger');
		// The poll's own execution, if any, would start at once; give it a moment to be saved.
		await new Promise((resolve) => setTimeout(resolve, 2_000));
		expect(await n8n.executions(TRIGGER_WORKFLOW)).toHaveLength(1);
		expect(await requestsFor(TOKENS.trigger)).toEqual([[yesterday(), 200]]);
	});
});

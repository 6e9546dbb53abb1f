// Queue mode, the production set-up: a real n8n 2.41.1 main and two workers on a real Redis, the
// credential pointing at the gateway (`zen-leads serve`) in front of the simulator. Each process
// has its own memory, so only the gateway can keep the token's window: six executions for three
// days, started together and run by both workers, must cost three upstream requests and no 429,
// each finishing within one window of its day being fetched.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { createSimulator, tokenHash } from '@zen-leads/simulator';
import { serve } from '@zen-leads/simulator/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { buildGatewayCli, startGateway } from './gateway-process.mjs';
import { N8nWorker, queueEnv, startRedis } from './n8n-queue.mjs';
import { N8nSandbox } from './n8n-sandbox.mjs';
import { N8nServer } from './n8n-server.mjs';
import { credential, webhookWorkflow } from './workflows.mjs';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const UPSTREAM_TOKEN = 'e2e-queue-upstream-token-7c21';
const CLIENT_KEY = 'e2e-queue-client-key-0b9d44e1';
// Short, so that three windows take seconds; the node's own 5-minute window never applies here.
const WINDOW_MS = 10_000;
const DAYS = ['2026-01-20', '2026-01-21', '2026-01-22'];
const WORKFLOW = 'zenE2eQueueDay1';

let simulator;
let upstream;
let gateway;
let redis;
let sandbox;
let main;
let workers = [];
let folder;
let creds;
const timings = {};

beforeAll(async () => {
	const started = Date.now();
	buildGatewayCli();
	folder = mkdtempSync(join(tmpdir(), 'zen-n8n-queue-'));
	const tarball = execFileSync('node', [join(packageDir, 'scripts', 'pack.mjs'), folder], { encoding: 'utf8' }).trim();
	simulator = createSimulator({ tokens: [UPSTREAM_TOKEN], windowMs: WINDOW_MS });
	upstream = await serve(simulator, { hostname: '127.0.0.1' });
	[gateway, redis] = await Promise.all([
		startGateway({ ZEN_URL: upstream.url, ZEN_TOKEN: UPSTREAM_TOKEN, ZEN_GATEWAY_KEYS: CLIENT_KEY, ZEN_CACHE_DIR: folder }, WINDOW_MS),
		startRedis(),
	]);
	sandbox = new N8nSandbox({ tarball });
	// The switch says "this URL is a gateway": the node checks that before it sends the key.
	const viaGateway = credential('zenE2eQueueCrd1', 'CRM Zen (gateway, queue mode)', `${gateway.url}/api/totais_lead`, CLIENT_KEY, { allowInsecureHttp: true });
	creds = { viaGateway };
	await sandbox.importCredentials([viaGateway]);
	await sandbox.importWorkflows([
		webhookWorkflow(WORKFLOW, 'CRM Zen: a day, queue mode', 'zen-queue-day', {
			name: 'Totals',
			credential: viaGateway,
			typeVersion: 3,
			parameters: { day: 'specificDate', date: '={{ $json.query.day }}', output: 'summary' },
		}),
	]);
	const env = queueEnv(redis.port);
	// Started together: an n8n boot takes tens of seconds on two cores.
	main = new N8nServer(sandbox, { env });
	workers = [new N8nWorker(sandbox, 'worker 1', env), new N8nWorker(sandbox, 'worker 2', env)];
	await Promise.all([main.start(), ...workers.map((worker) => worker.start(3))]);
	await main.activate(WORKFLOW);
	timings.startup = Date.now() - started;
}, 300_000);

afterAll(async () => {
	console.log(`n8n queue-mode e2e timings (ms): ${JSON.stringify(timings)}`);
	await Promise.all([main?.stop(), ...workers.map((worker) => worker.stop())]);
	gateway?.child.kill('SIGTERM');
	await Promise.all([redis?.stop(), upstream?.close()]);
	sandbox?.dispose();
	if (folder) rmSync(folder, { recursive: true, force: true });
});

async function upstreamLog() {
	const hash = await tokenHash(UPSTREAM_TOKEN);
	return simulator.log.filter((entry) => entry.tokenHash === hash);
}

describe('CRM Zen Lead Totals in n8n 2.41.1 queue mode (main + 2 workers + Redis) through the gateway', () => {
	it('runs 6 executions for 3 days on both workers with 3 upstream requests and no 429', async () => {
		const started = Date.now();
		const calls = DAYS.flatMap((day) => [day, day]).map((day) => main.webhook(`zen-queue-day?day=${day}`).then((answer) => ({ day, ...answer })));
		const answers = await Promise.all(calls);
		timings.sixExecutions = Date.now() - started;
		const failed = answers.filter((answer) => answer.status !== 200);
		if (failed.length > 0) {
			const errors = (await main.executions(WORKFLOW)).map((execution) => JSON.stringify(execution.data?.resultData?.error ?? execution.status).slice(0, 800));
			const workerErrors = workers.flatMap((worker) => worker.logs.split('\n').filter((line) => /error|SQLITE/i.test(line)).slice(-10));
			expect.fail(`${failed.map((answer) => `${answer.day}: ${answer.status} ${answer.text.slice(0, 200)}`).join('\n')}\n${errors.join('\n')}\n${workerErrors.join('\n')}`);
		}
		for (const answer of answers) expect(answer.json).toMatchObject({ date: answer.day });

		const log = await upstreamLog();
		expect(log.map((entry) => entry.status)).toEqual([200, 200, 200]);
		expect(log.map((entry) => entry.date).sort()).toEqual(DAYS);
		// Nobody was told 429 either: the node let the gateway hold its request (Prefer: wait).
		const metrics = await (await fetch(`${gateway.url}/metrics`, { headers: { authorization: `Bearer ${CLIENT_KEY}` } })).text();
		expect(metrics).not.toMatch(/^zen_gateway_client_responses_total\{route="api",status="429"\} [1-9]/m);

		// Both workers ran executions, and the main ran none itself.
		const ran = workers.map((worker) => worker.executions());
		timings.perWorker = ran.map((ids) => ids.length);
		expect(ran.flat()).toHaveLength(6);
		for (const ids of ran) expect(ids.length).toBeGreaterThan(0);

		// Each execution ended within one window of its day's upstream request.
		const executions = await main.executions(WORKFLOW);
		expect(executions).toHaveLength(6);
		const fetchedAt = Object.fromEntries(log.map((entry) => [entry.date, entry.at]));
		const lags = executions.map((execution) => {
			const [item] = execution.data.resultData.runData.Totals[0].data.main[0];
			return Date.parse(execution.stoppedAt) - fetchedAt[item.json.date];
		});
		timings.lagAfterFetchMs = lags;
		for (const lag of lags) expect(lag).toBeLessThan(WINDOW_MS);
	}, 180_000);

	// n8n tests a credential each time it is opened, on main: through the gateway the test only
	// asks whether the gateway knows the key, and after a success it answers from memory.
	it('tests the credential on opening 5 times with no request upstream', async () => {
		const before = (await upstreamLog()).length;
		const messages = [];
		for (let opened = 0; opened < 5; opened++) {
			const tested = await main.rest('POST', '/rest/credentials/test', { credentials: creds.viaGateway });
			expect(tested.status).toBe(200);
			expect(tested.body.data, JSON.stringify(tested.body)).toMatchObject({ status: 'OK' });
			messages.push(tested.body.data.message);
		}
		expect(messages[0]).toMatch(/zen-leads gateway knows this client key/);
		for (const message of messages.slice(1)) expect(message).toMatch(/passed the test at .*; nothing was sent/);
		expect((await upstreamLog()).length).toBe(before);
		expect(JSON.stringify(messages) + main.logs).not.toContain(UPSTREAM_TOKEN);
	});
});

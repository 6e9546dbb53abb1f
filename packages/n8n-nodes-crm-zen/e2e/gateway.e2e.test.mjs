// The n8n node, unchanged, against the gateway (`zen-leads serve`) instead of the API: the
// credential's URL is the gateway's /api/totais_lead and its token a client key. Each
// `n8n execute` is its own process, as queue-mode workers are: they share the token's window only
// through the gateway. The gateway runs as a company would run it, the real CLI bin, in front of
// the simulator over loopback.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { createSimulator, tokenHash } from '@zen-leads/simulator';
import { serve } from '@zen-leads/simulator/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startGateway } from './gateway-process.mjs';
import { N8nSandbox, itemsOf } from './n8n-sandbox.mjs';
import { credential, workflow } from './workflows.mjs';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = join(packageDir, '..', '..');
const DAY = '2026-01-12';
const OTHER_DAY = '2026-01-13';
const SPENT_DAY = '2026-01-14';
const UPSTREAM_TOKEN = 'e2e-gateway-upstream-token-5d8e';
const CLIENT_KEY = 'e2e-gateway-client-key-61f0c3a9';
// Longer than an n8n boot (≈ 15–30 s here), so a workflow started right after a request meets a
// taken window at the gateway.
const WINDOW_MS = 45_000;

let simulator;
let upstream;
let gateway;
let sandbox;
let folder;
const timings = {};

beforeAll(async () => {
	// The gateway is the CLI's `serve`: build it and what it loads (turbo skips what is current).
	// ZEN_BUILT=1: the test command built everything already.
	if (process.env.ZEN_BUILT !== '1') {
		execFileSync(join(repoRoot, 'node_modules', '.bin', 'turbo'), ['run', 'build', '--filter=@zen-leads/cli...', '--output-logs=errors-only'], { cwd: repoRoot, stdio: 'inherit' });
	}
	folder = mkdtempSync(join(tmpdir(), 'zen-n8n-gateway-'));
	const tarball = execFileSync('node', [join(packageDir, 'scripts', 'pack.mjs'), folder], { encoding: 'utf8' }).trim();
	simulator = createSimulator({ tokens: [UPSTREAM_TOKEN], windowMs: WINDOW_MS });
	upstream = await serve(simulator, { hostname: '127.0.0.1' });
	gateway = await startGateway({ ZEN_URL: upstream.url, ZEN_TOKEN: UPSTREAM_TOKEN, ZEN_GATEWAY_KEYS: CLIENT_KEY, ZEN_CACHE_DIR: folder }, WINDOW_MS);
	sandbox = new N8nSandbox({ tarball });
	const viaGateway = credential('zenE2eGatewayC1', 'CRM Zen (through the gateway)', `${gateway.url}/api/totais_lead`, CLIENT_KEY);
	await sandbox.importCredentials([viaGateway]);
	await sandbox.importWorkflows([
		workflow('zenE2eGwDay0001', 'Gateway: a day', [{ name: 'Users', credential: viaGateway, parameters: { date: DAY, output: 'summary', options: { includeRaw: true } } }]),
		workflow('zenE2eGwAgain01', 'Gateway: the same day, another worker', [{ name: 'Users Again', credential: viaGateway, parameters: { date: DAY, output: 'users' } }]),
		workflow('zenE2eGwOther01', 'Gateway: another day, waiting', [{ name: 'Other Day', credential: viaGateway, parameters: { date: OTHER_DAY, output: 'users', options: { onRateLimit: 'wait' } } }]),
	]);
}, 600_000);

afterAll(async () => {
	console.log(`n8n gateway e2e timings (ms): ${JSON.stringify(timings)}`);
	gateway?.child.kill('SIGTERM');
	await upstream?.close();
	sandbox?.dispose();
	if (folder) rmSync(folder, { recursive: true, force: true });
});

function expectNoSecret(result) {
	for (const text of [result.stdout, result.stderr, gateway.output()]) expect(text).not.toContain(UPSTREAM_TOKEN);
	for (const text of [result.stdout, result.stderr]) expect(text).not.toContain(CLIENT_KEY);
}

async function upstreamRequests() {
	const hash = await tokenHash(UPSTREAM_TOKEN);
	return simulator.log.filter((entry) => entry.tokenHash === hash).map((entry) => [entry.date, entry.status]);
}

describe('CRM Zen Lead Totals in n8n 2.41.1, pointed at the gateway', () => {
	it('gets a day through the gateway, raw payload byte-for-byte the upstream’s', async () => {
		const result = await sandbox.execute('zenE2eGwDay0001');
		timings.firstDay = result.ms;
		expect(result.code, result.stdout).toBe(0);
		expectNoSecret(result);
		const payload = await simulator.payloadFor(UPSTREAM_TOKEN, DAY);
		const [summary] = itemsOf(result.run, 'Users');
		expect(summary.json).toMatchObject({ date: DAY, users: payload.usuarios.length, raw: payload });
		expect(await upstreamRequests()).toEqual([[DAY, 200]]);
	});

	it('another worker process asking the same day is answered by the gateway: still one upstream request', async () => {
		const result = await sandbox.execute('zenE2eGwAgain01');
		timings.sameDayAgain = result.ms;
		expect(result.code, result.stdout).toBe(0);
		const payload = await simulator.payloadFor(UPSTREAM_TOKEN, DAY);
		expect(itemsOf(result.run, 'Users Again').map((item) => item.json)).toEqual(
			payload.usuarios.map((user) => ({ date: DAY, user: user.nome, totalLeads: Number(user.total_lead) })),
		);
		expect(await upstreamRequests()).toEqual([[DAY, 200]]);
	});

	// Needs core v2 in the node (issue 10): after a 429 the server's next-available time replaces
	// the client's own claim. With today's core the node waits a full 5-minute window instead.
	it('another day while the window is taken: the node rides the gateway’s 429 and gets the day, with no 429 upstream', async () => {
		// Another tool spends the token's window through the gateway (held until the window is free)
		// just before the workflow starts.
		const spent = await fetch(`${gateway.url}/api/totais_lead?data=${SPENT_DAY}`, { headers: { token: CLIENT_KEY, prefer: `wait=${WINDOW_MS / 1000 + 10}` } });
		expect(spent.status).toBe(200);
		const result = await sandbox.execute('zenE2eGwOther01');
		timings.otherDayWaiting = result.ms;
		expect(result.code, result.stdout).toBe(0);
		expectNoSecret(result);
		const payload = await simulator.payloadFor(UPSTREAM_TOKEN, OTHER_DAY);
		expect(itemsOf(result.run, 'Other Day').map((item) => item.json.user)).toEqual(payload.usuarios.map((user) => user.nome));
		expect(await upstreamRequests()).toEqual([
			[DAY, 200],
			[SPENT_DAY, 200],
			[OTHER_DAY, 200],
		]);
		// The node was told 429 by the gateway (the API's own format), waited, and was served.
		const metrics = await (await fetch(`${gateway.url}/metrics`, { headers: { authorization: `Bearer ${CLIENT_KEY}` } })).text();
		expect(Number(/^zen_gateway_client_responses_total\{route="api",status="429"\} (\d+)$/m.exec(metrics)?.[1])).toBeGreaterThanOrEqual(1);
		// The gateway fetched the queued day when the window freed, not a window later.
		const [, spentAt, otherAt] = simulator.log.map((entry) => entry.at);
		expect(otherAt - spentAt).toBeGreaterThanOrEqual(WINDOW_MS);
		expect(otherAt - spentAt).toBeLessThan(WINDOW_MS + 5_000);
	}, 180_000);
});

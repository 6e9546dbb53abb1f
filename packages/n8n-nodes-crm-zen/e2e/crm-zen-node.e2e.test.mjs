// The node inside a real n8n: the packed tarball installed where n8n loads community packages,
// credentials and workflows imported with the n8n CLI, runs with `n8n execute`, requests going
// to the simulator over loopback.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { createSimulator, saoPauloDateOf, tokenHash } from '@zen-leads/simulator';
import { serve } from '@zen-leads/simulator/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { N8nSandbox, itemsOf } from './n8n-sandbox.mjs';
import { credential, workflow } from './workflows.mjs';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const DAY = '2026-01-05';
const OTHER_DAY = '2026-01-06';
const TOKENS = {
	outputs: 'e2e-outputs-token-3f9a',
	unknown: 'e2e-unknown-token-0b2e',
	luxon: 'e2e-luxon-token-5d10',
	malformed: 'e2e-malformed-token-2b9d',
};
// Words of the library and the CLI that must never reach an n8n user.
const FOREIGN_WORDS = /allowInsecureHttp|ZEN_TOKEN|ZEN_URL|--[a-z]|token option|minIntervalMs|maxWaitMs|onRateLimit/;
// Longer than an n8n boot, so the window the first node spends is still open for the others.
const WINDOW_MS = 60_000;
const WORKFLOW = 'zenE2eOneRun001';

/** Yesterday in São Paulo (noon today there, minus a day: no clock edge). */
function yesterdayInSaoPaulo() {
	return saoPauloDateOf(Date.parse(`${saoPauloDateOf(Date.now())}T15:00:00Z`) - 86_400_000);
}

let simulator;
let server;
let sandbox;
let packDir;
let examples;
let imported;
const timings = {};

beforeAll(async () => {
	packDir = mkdtempSync(join(tmpdir(), 'zen-n8n-pack-'));
	const tarball = execFileSync('node', [join(packageDir, 'scripts', 'pack.mjs'), packDir], { encoding: 'utf8' }).trim();
	simulator = createSimulator({
		tokens: [TOKENS.outputs, TOKENS.luxon, TOKENS.malformed],
		windowMs: WINDOW_MS,
		// A count that is not a number: the core's fast decoder gives up and zod (n8n's) names the path.
		dataFor: (token, date) => (token === TOKENS.malformed ? { data: date, usuarios: [{ nome: 'Ana', total_lead: 'muitos' }], erros: {} } : undefined),
	});
	server = await serve(simulator, { hostname: '127.0.0.1' });
	sandbox = new N8nSandbox({ tarball });

	// Pasted from the Integration screen with the line break that came along: n8n's `authenticate`
	// expression trims it from the header.
	const ok = credential('zenE2eCredOk001', 'CRM Zen (simulator)', server.url, `${TOKENS.outputs}\n`);
	const unknown = credential('zenE2eCredBad01', 'CRM Zen (wrong token)', server.url, TOKENS.unknown);
	const luxon = credential('zenE2eCredLux01', 'CRM Zen (Luxon dates)', server.url, TOKENS.luxon);
	const malformed = credential('zenE2eCredMal01', 'CRM Zen (malformed answers)', server.url, TOKENS.malformed);
	timings.importCredentials = (await sandbox.importCredentials([ok, unknown, luxon, malformed])).ms;
	const examplesDir = join(packageDir, 'examples');
	examples = readdirSync(examplesDir)
		.filter((name) => name.endsWith('.json'))
		.map((name) => JSON.parse(readFileSync(join(examplesDir, name), 'utf8')));
	// Branches run top to bottom (execution order v1): the failing node comes last.
	const oneRun = workflow(
		WORKFLOW,
		'CRM Zen: one run of everything n8n itself takes part in',
		[
			{ name: 'Users', credential: ok, parameters: { date: DAY, output: 'users' } },
			{ name: 'Breakdown', credential: ok, parameters: { date: DAY, output: 'breakdown' } },
			{ name: 'Summary', credential: ok, parameters: { date: DAY, output: 'summary', options: { includeRaw: true } } },
			{ name: 'Full', credential: ok, parameters: { date: DAY, output: 'full', options: { includeRaw: true } } },
			{
				name: 'Other Day Refused',
				credential: ok,
				parameters: { date: OTHER_DAY, output: 'users', options: { onRateLimit: 'fail' } },
				continueOnFail: true,
			},
			{
				name: 'Luxon Yesterday',
				credential: luxon,
				typeVersion: 2,
				parameters: { day: 'specificDate', date: '={{ $today.minus({ days: 1 }) }}', output: 'summary' },
			},
			{
				name: 'Malformed Answer',
				credential: malformed,
				typeVersion: 2,
				parameters: { day: 'specificDate', date: DAY, output: 'summary' },
				continueOnFail: true,
			},
			{ name: 'Wrong Token', credential: unknown, parameters: { date: DAY, output: 'users' } },
		],
		{ timezone: 'America/Sao_Paulo' },
	);
	imported = await sandbox.importWorkflows([oneRun, ...examples]);
	timings.importWorkflows = imported.ms;
});

afterAll(async () => {
	console.log(`n8n e2e timings (ms): ${JSON.stringify(timings)}`);
	console.log(`n8n execute died of SIGSEGV after printing its run (n8n's exit, see n8n-sandbox.mjs): ${sandbox?.crashesOnExit ?? 0} of ${sandbox?.executions ?? 0}`);
	await server?.close();
	sandbox?.dispose();
	if (packDir) rmSync(packDir, { recursive: true, force: true });
});

/** Every line of every n8n run is checked for the tokens: none may ever be printed. */
function expectNoToken(result) {
	for (const token of Object.values(TOKENS)) {
		expect(result.stdout).not.toContain(token);
		expect(result.stderr).not.toContain(token);
	}
}

async function requestsFor(token) {
	const hash = await tokenHash(token);
	return simulator.log.filter((entry) => entry.tokenHash === hash).map((entry) => [entry.date, entry.status]);
}

/** The one `n8n execute` of the file, shared by its tests. */
let execution;
async function runOnce() {
	execution ??= sandbox.execute(WORKFLOW).then((result) => {
		timings.execute = result.ms;
		return result;
	});
	return await execution;
}

describe('CRM Zen Lead Totals inside n8n 2.41.1 (`n8n execute`)', () => {
	it('runs a workflow saved with typeVersion 1 (Date, Output; URL + Token) as before: every output, one request for all four, the pasted token trimmed', async () => {
		const result = await runOnce();
		expectNoToken(result);
		const run = result.run;
		const payload = await simulator.payloadFor(TOKENS.outputs, DAY);

		const users = itemsOf(run, 'Users');
		expect(users.map((item) => item.json)).toEqual(
			payload.usuarios.map((user) => ({ date: DAY, user: user.nome, totalLeads: Number(user.total_lead) })),
		);

		const wireEntries = payload.usuarios.flatMap((user) =>
			[
				['origin', user.origem],
				['segment', user.segmento],
				['automation', user.automacao],
				['productOrService', user.produtos_e_servicos],
			].flatMap(([dimension, entries]) =>
				entries.map((entry) => ({
					date: DAY,
					user: user.nome,
					dimension,
					code: String(entry.codigo),
					name: entry.nome,
					count: Number(entry.quantidade),
				})),
			),
		);
		expect(itemsOf(run, 'Breakdown').map((item) => item.json)).toEqual(wireEntries);

		const [summary, ...moreSummaries] = itemsOf(run, 'Summary');
		expect(moreSummaries).toEqual([]);
		expect(summary.json).toMatchObject({
			date: DAY,
			users: payload.usuarios.length,
			totalLeads: payload.usuarios.reduce((sum, user) => sum + Number(user.total_lead), 0),
			raw: payload,
		});

		const [full, ...moreFull] = itemsOf(run, 'Full');
		expect(moreFull).toEqual([]);
		expect(full.json.date).toBe(DAY);
		expect(full.json.users.map((user) => user.name)).toEqual(payload.usuarios.map((user) => user.nome));
		expect(full.json.users[0]).toHaveProperty('productsAndServices');
		expect(Object.keys(full.json.errors).sort()).toEqual(['contactLimitExceeded', 'duplicates', 'ungrouped', 'withError']);
		expect(full.json.raw).toEqual(payload);
		// typeVersion 2's additions stay out of typeVersion 1's items.
		expect(summary.json).not.toHaveProperty('fromCache');
		expect(full.json).not.toHaveProperty('fromCache');

		for (const name of ['Users', 'Breakdown', 'Summary', 'Full']) {
			for (const item of itemsOf(run, name)) expect(item.pairedItem).toEqual({ item: 0 });
		}
		// One request, whose header carried the token without the line break (the simulator knew
		// it); the other three nodes read the process-wide cache.
		expect(await requestsFor(TOKENS.outputs)).toEqual([[DAY, 200]]);
	});

	it("refuses another day while the token's window is in use, as an error item (Continue On Fail) with the time it frees", async () => {
		const { run } = await runOnce();
		const [refused, ...more] = itemsOf(run, 'Other Day Refused');
		expect(more).toEqual([]);
		expect(refused.json).toMatchObject({ code: 'ZEN_RATE_LIMITED', source: 'window' });
		expect(refused.json.status).toBeUndefined();
		expect(Date.parse(refused.json.retryAt)).toBeGreaterThan(Date.now());
		expect(refused.json.hint).toMatch(/On Rate Limit/);
		expect(refused.pairedItem).toEqual({ item: 0 });
		expect((await requestsFor(TOKENS.outputs)).map(([date]) => date)).not.toContain(OTHER_DAY);
	});

	it("reads the Luxon DateTime of a workflow expression ($today.minus) as that São Paulo day", async () => {
		const { run } = await runOnce();
		const yesterday = yesterdayInSaoPaulo();
		expect(itemsOf(run, 'Luxon Yesterday').map((item) => item.json.date)).toEqual([yesterday]);
		expect(await requestsFor(TOKENS.luxon)).toEqual([[yesterday, 200]]);
	});

	it('names the broken path of a malformed answer, decoded with the bundled zod (zod/v4/mini), whatever zod this n8n has', async () => {
		const { run } = await runOnce();
		const [failure] = itemsOf(run, 'Malformed Answer');
		expect(failure.json).toMatchObject({ code: 'ZEN_RESPONSE', path: 'usuarios[0].total_lead', date: DAY });
		expect(failure.json.error).toBe("CRM Zen's answer is not the documented lead totals (at usuarios[0].total_lead).");
	});

	it("fails the workflow on a wrong token with a 401 NodeApiError naming the credential's Token field only", async () => {
		const result = await runOnce();
		expect(result.code).not.toBe(0);
		const error = result.run.data.resultData.error;
		expect(error).toMatchObject({
			name: 'NodeApiError',
			httpCode: '401',
			failure: { cause: 'credential-invalid' },
			errorResponse: { code: 'ZEN_AUTH', apiMessage: 'Token inválido' },
		});
		expect(error.message).toBe('CRM Zen refused the token (401: Token inválido).');
		expect(error.description).toMatch(/credential's Token/);
		expect(`${error.message} ${error.description} ${JSON.stringify(error.errorResponse)}`).not.toMatch(FOREIGN_WORDS);
		expect(result.run.data.resultData.lastNodeExecuted).toBe('Wrong Token');
	});

	it('imports the example workflows as they are, with node types and versions this n8n knows', () => {
		expect(examples.length).toBeGreaterThanOrEqual(2);
		const known = knownNodeVersions();
		for (const example of examples) {
			for (const node of example.nodes) {
				expect(known.get(node.type), `${example.name}: ${node.type}`).toContain(node.typeVersion);
				// Examples show what new nodes get: the current typeVersion.
				if (node.type.startsWith('n8n-nodes-crm-zen.')) expect(node.typeVersion, `${example.name}: ${node.type}`).toBe(3);
			}
		}
		expect(imported.stdout).toContain(`Successfully imported ${examples.length + 1} workflows`);
	});
});

/** Node type → versions, from n8n-nodes-base's catalogue and our own package's descriptions. */
function knownNodeVersions() {
	const known = new Map();
	const add = (type, version) => known.set(type, [...(known.get(type) ?? []), ...[version].flat()]);
	const base = JSON.parse(readFileSync(join(sandbox.tools.n8nModules, 'n8n-nodes-base', 'dist', 'types', 'nodes.json'), 'utf8'));
	for (const node of base) add(`n8n-nodes-base.${node.name}`, node.version);
	add('n8n-nodes-crm-zen.crmZenLeadTotals', [1, 2, 3]);
	add('n8n-nodes-crm-zen.crmZenLeadTotalsTrigger', [1, 2, 3]);
	return known;
}

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
	limited: 'e2e-limited-token-77c1',
	unknown: 'e2e-unknown-token-0b2e',
	luxon: 'e2e-luxon-token-5d10',
	dayFirst: 'e2e-day-first-token-8a2c',
	pasted: 'e2e-pasted-token-c4e7',
	malformed: 'e2e-malformed-token-2b9d',
};
// Words of the library and the CLI that must never reach an n8n user.
const FOREIGN_WORDS = /allowInsecureHttp|ZEN_TOKEN|ZEN_URL|--[a-z]|token option|minIntervalMs|maxWaitMs|onRateLimit/;
// Longer than an n8n boot, so the window spent before a run is still open when the node asks.
const WINDOW_MS = 60_000;

/** Yesterday in São Paulo (noon today there, minus a day: no clock edge). */
function yesterdayInSaoPaulo() {
	return saoPauloDateOf(Date.parse(`${saoPauloDateOf(Date.now())}T15:00:00Z`) - 86_400_000);
}

let simulator;
let server;
let sandbox;
let packDir;
const timings = {};

beforeAll(async () => {
	packDir = mkdtempSync(join(tmpdir(), 'zen-n8n-pack-'));
	const tarball = execFileSync('node', [join(packageDir, 'scripts', 'pack.mjs'), packDir], { encoding: 'utf8' }).trim();
	simulator = createSimulator({
		tokens: [TOKENS.outputs, TOKENS.limited, TOKENS.luxon, TOKENS.dayFirst, TOKENS.pasted, TOKENS.malformed],
		windowMs: WINDOW_MS,
		// A count that is not a number: the core's fast decoder gives up and zod (n8n's) names the path.
		dataFor: (token, date) => (token === TOKENS.malformed ? { data: date, usuarios: [{ nome: 'Ana', total_lead: 'muitos' }], erros: {} } : undefined),
	});
	server = await serve(simulator, { hostname: '127.0.0.1' });
	sandbox = new N8nSandbox({ tarball });

	const ok = credential('zenE2eCredOk001', 'CRM Zen (simulator)', server.url, TOKENS.outputs);
	const limited = credential('zenE2eCredLim01', 'CRM Zen (window spent)', server.url, TOKENS.limited);
	const unknown = credential('zenE2eCredBad01', 'CRM Zen (wrong token)', server.url, TOKENS.unknown);
	const luxon = credential('zenE2eCredLux01', 'CRM Zen (Luxon dates)', server.url, TOKENS.luxon);
	const dayFirst = credential('zenE2eCredDmy01', 'CRM Zen (dd/MM/yyyy dates)', server.url, TOKENS.dayFirst);
	// Pasted from the Integration screen with the line break that came along.
	const pasted = credential('zenE2eCredPst01', 'CRM Zen (pasted token)', server.url, `${TOKENS.pasted}\n`);
	const malformed = credential('zenE2eCredMal01', 'CRM Zen (malformed answers)', server.url, TOKENS.malformed);
	const plainHttp = credential('zenE2eCredHttp1', 'CRM Zen (plain http)', 'http://crm.zen-leads.invalid/api/totais-lead', TOKENS.outputs);
	timings.importCredentials = (await sandbox.importCredentials([ok, limited, unknown, luxon, dayFirst, pasted, malformed, plainHttp])).ms;
	timings.importWorkflows = (
		await sandbox.importWorkflows([
			workflow('zenE2eOutputs01', 'CRM Zen: every output mode', [
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
				{ name: 'Wrong Token Continues', credential: unknown, parameters: { date: DAY, output: 'users' }, continueOnFail: true },
			]),
			workflow('zenE2eAuthFail1', 'CRM Zen: wrong token fails', [
				{ name: 'Wrong Token', credential: unknown, parameters: { date: DAY, output: 'users' } },
			]),
			workflow('zenE2eLimited01', 'CRM Zen: window spent, fail mode', [
				{ name: 'Window Spent', credential: limited, parameters: { date: DAY, output: 'summary', options: { onRateLimit: 'fail' } } },
			]),
			workflow(
				'zenE2eDates0001',
				'CRM Zen: dates people type',
				[
					{
						name: 'Luxon Yesterday',
						credential: luxon,
						typeVersion: 2,
						parameters: { day: 'specificDate', date: '={{ $today.minus({ days: 1 }) }}', output: 'summary' },
					},
					{ name: 'Day First', credential: dayFirst, typeVersion: 2, parameters: { day: 'specificDate', date: '06/01/2026', output: 'summary' } },
					{ name: 'Pasted Token', credential: pasted, typeVersion: 2, parameters: { day: 'specificDate', date: DAY, output: 'summary' } },
				],
				{ timezone: 'America/Sao_Paulo' },
			),
			workflow('zenE2eMalform01', 'CRM Zen: malformed answer', [
				{
					name: 'Malformed Answer',
					credential: malformed,
					typeVersion: 2,
					parameters: { day: 'specificDate', date: DAY, output: 'summary' },
					continueOnFail: true,
				},
			]),
			workflow('zenE2ePlainHttp', 'CRM Zen: plain http refused', [
				{ name: 'Plain HTTP', credential: plainHttp, typeVersion: 2, parameters: { day: 'yesterday', output: 'users' } },
			]),
		])
	).ms;
});

afterAll(async () => {
	console.log(`n8n e2e timings (ms): ${JSON.stringify(timings)}`);
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
	return simulator.log.filter((entry) => entry.tokenHash === hash);
}

describe('CRM Zen Lead Totals inside n8n 2.41.1', () => {
	it('runs a workflow saved with typeVersion 1 (Date, Output; URL + Token) as before: every output, one request for all four', async () => {
		const result = await sandbox.execute('zenE2eOutputs01');
		timings.executeOutputs = result.ms;
		expect(result.code, result.stdout).toBe(0);
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
		// One request: the other three nodes read the process-wide cache.
		expect((await requestsFor(TOKENS.outputs)).map((entry) => [entry.date, entry.status])).toEqual([[DAY, 200]]);

		// Another day in the same process: the shared guard refuses before sending (fail mode).
		const [refused] = itemsOf(run, 'Other Day Refused');
		expect(refused.json).toMatchObject({ code: 'ZEN_RATE_LIMITED' });
		expect(refused.json.status).toBeUndefined();
		expect(Date.parse(refused.json.retryAt)).toBeGreaterThan(Date.now());
		expect(refused.pairedItem).toEqual({ item: 0 });

		// A wrong token with "continue on fail": an error item, not a failed workflow.
		const [wrongToken] = itemsOf(run, 'Wrong Token Continues');
		expect(wrongToken.json).toMatchObject({ code: 'ZEN_AUTH', status: 401, apiMessage: 'Token inválido' });
		expect(wrongToken.pairedItem).toEqual({ item: 0 });
	});

	it('fails the workflow on a wrong token with a 401 NodeApiError naming the credential\'s Token field only', async () => {
		const result = await sandbox.execute('zenE2eAuthFail1');
		timings.executeAuthFailure = result.ms;
		expect(result.code).not.toBe(0);
		expectNoToken(result);
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

	it('fails at once in fail mode when the window is spent, with the time it frees', async () => {
		// Someone else (another machine) spent this token's window just now.
		const spent = await fetch(`${server.url}?data=${DAY}`, { headers: { token: TOKENS.limited } });
		expect(spent.status).toBe(200);
		const spentAt = Date.now();

		const result = await sandbox.execute('zenE2eLimited01');
		timings.executeRateLimited = result.ms;
		expect(result.code).not.toBe(0);
		expectNoToken(result);
		const error = result.run.data.resultData.error;
		expect(error).toMatchObject({
			name: 'NodeApiError',
			httpCode: '429',
			failure: { cause: 'rate-limited' },
			errorResponse: { code: 'ZEN_RATE_LIMITED', status: 429 },
		});
		const { retryAfterMs, resetsAtEpochMs } = error.failure;
		expect(retryAfterMs).toBeGreaterThan(0);
		expect(retryAfterMs).toBeLessThanOrEqual(WINDOW_MS + 2_000);
		// The simulator prints whole seconds, rounded up: the window frees about WINDOW_MS after it was spent.
		expect(Math.abs(resetsAtEpochMs - (spentAt + WINDOW_MS))).toBeLessThan(5_000);
		expect(error.message).toMatch(/next request is possible at \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} \(São Paulo time\)/);
		expect(error.description).toMatch(/On Rate Limit/);
		expect((await requestsFor(TOKENS.limited)).map((entry) => entry.status)).toEqual([200, 429]);
	});

	it('reads a Luxon DateTime expression, a dd/MM/yyyy date and a pasted token with a trailing newline', async () => {
		const result = await sandbox.execute('zenE2eDates0001');
		timings.executeDates = result.ms;
		expect(result.code, result.stdout).toBe(0);
		expectNoToken(result);
		const yesterday = yesterdayInSaoPaulo();
		expect(itemsOf(result.run, 'Luxon Yesterday').map((item) => item.json.date)).toEqual([yesterday]);
		expect(itemsOf(result.run, 'Day First').map((item) => item.json.date)).toEqual(['2026-01-06']);
		expect(itemsOf(result.run, 'Pasted Token').map((item) => item.json.date)).toEqual([DAY]);
		expect((await requestsFor(TOKENS.luxon)).map((entry) => [entry.date, entry.status])).toEqual([[yesterday, 200]]);
		expect((await requestsFor(TOKENS.dayFirst)).map((entry) => [entry.date, entry.status])).toEqual([['2026-01-06', 200]]);
		// The header carried the token without the line break: the simulator knew it.
		expect((await requestsFor(TOKENS.pasted)).map((entry) => [entry.date, entry.status])).toEqual([[DAY, 200]]);
	});

	it('names the broken path of a malformed answer, decoded with the zod n8n ships (zod/v4/mini)', async () => {
		const result = await sandbox.execute('zenE2eMalform01');
		timings.executeMalformed = result.ms;
		expect(result.code, result.stdout).toBe(0);
		expectNoToken(result);
		const [failure] = itemsOf(result.run, 'Malformed Answer');
		expect(failure.json).toMatchObject({ code: 'ZEN_RESPONSE', path: 'usuarios[0].total_lead', date: DAY });
		expect(failure.json.error).toBe("CRM Zen's answer is not the documented lead totals (at usuarios[0].total_lead).");
	});

	it('refuses a plain-http URL before sending, naming the credential\'s URL and Allow Plain HTTP fields only', async () => {
		const result = await sandbox.execute('zenE2ePlainHttp');
		timings.executePlainHttp = result.ms;
		expect(result.code).not.toBe(0);
		const error = result.run.data.resultData.error;
		expect(error).toMatchObject({ name: 'NodeOperationError', failure: { cause: 'configuration-invalid' } });
		// Core v2's reason ('insecure-http') gives "…uses plain http://…"; core v1 gives no reason.
		expect(error.message).toMatch(/^The credential's URL (uses plain http|cannot be used)/);
		expect(error.description).toContain('Allow Plain HTTP (Test Servers Only)');
		expect(`${error.message} ${error.description}`).not.toMatch(FOREIGN_WORDS);
	});

	it('imports the example workflows as they are, with node types and versions this n8n knows', async () => {
		const examplesDir = join(packageDir, 'examples');
		const examples = readdirSync(examplesDir)
			.filter((name) => name.endsWith('.json'))
			.map((name) => JSON.parse(readFileSync(join(examplesDir, name), 'utf8')));
		expect(examples.length).toBeGreaterThanOrEqual(2);

		const known = knownNodeVersions();
		for (const example of examples) {
			for (const node of example.nodes) {
				expect(known.get(node.type), `${example.name}: ${node.type}`).toContain(node.typeVersion);
			}
		}
		const result = await sandbox.importWorkflows(examples);
		timings.importExamples = result.ms;
		expect(result.stdout).toContain(`Successfully imported ${examples.length} workflows`);
	});
});

/** Node type → versions, from n8n-nodes-base's catalogue and our own package's descriptions. */
function knownNodeVersions() {
	const known = new Map();
	const add = (type, version) => known.set(type, [...(known.get(type) ?? []), ...[version].flat()]);
	const base = JSON.parse(readFileSync(join(sandbox.tools.n8nModules, 'n8n-nodes-base', 'dist', 'types', 'nodes.json'), 'utf8'));
	for (const node of base) add(`n8n-nodes-base.${node.name}`, node.version);
	add('n8n-nodes-crm-zen.crmZenLeadTotals', [1, 2]);
	add('n8n-nodes-crm-zen.crmZenLeadTotalsTrigger', [1, 2]);
	return known;
}

// Checks the n8n package the way n8n's verification does, offline:
//   1. packs it (`npm pack`, via the package's pack script) and unpacks the tarball;
//   2. asserts the packed package.json has no runtime dependencies and only n8n-workflow as a peer;
//   3. `require()`s every node and credential it declares on Node 24, resolving n8n-workflow
//      from the cached n8n, as n8n does for community packages; checks that the bundle requires
//      nothing but n8n-workflow (zod is bundled: no minimum n8n version for its zod), and decodes
//      a malformed answer with the bundled zod;
//   4. runs the official scanner's lint (`analyzePackage`) over the tarball's JS and
//      package.json, and over the sources (what the scanner lints from the provenance commit).
// Exits non-zero on any finding. Needs a built package and scripts/n8n/install-n8n.sh.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { requireInstalled, toolPaths } from './tool-paths.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const packageDir = join(repo, 'packages', 'n8n-nodes-crm-zen');
const tools = toolPaths();
requireInstalled(tools.node24, tools.n8nModules, tools.scannerModule);

// Run inside the unpacked package on Node 24 with n8n's modules on NODE_PATH: lists the bare
// `require()`s of dist/ and has the bundled core decode an answer whose count is not a number
// (the fast decoder gives up; the bundled zod/v4/mini names the path).
const ZOD_CONTRACT_CHECK = `
	const { readdirSync, readFileSync, statSync } = require('node:fs');
	const { dirname, join } = require('node:path');
	const walk = (dir) => readdirSync(dir).flatMap((name) => statSync(join(dir, name)).isDirectory() ? walk(join(dir, name)) : [join(dir, name)]);
	const externals = new Set();
	for (const file of walk('dist').filter((file) => file.endsWith('.js'))) {
		for (const [, name] of readFileSync(file, 'utf8').matchAll(/require\\("([^".][^"]*)"\\)/g)) externals.add(name);
	}
	const core = require(join(process.cwd(), 'dist/shared/zen-core.js'));
	const body = JSON.stringify({ data: '2026-01-05', usuarios: [{ nome: 'Ana', total_lead: 'muitos' }], erros: {} });
	const client = core.createZenClientBase({
		url: 'http://127.0.0.1:9/api/totais-lead',
		token: 'zod-contract-check',
		transport: async () => ({ status: 200, headers: { get: () => null }, body }),
		clock: { now: () => Date.now(), sleep: async () => {} },
		store: new core.MemoryStore({ now: () => Date.now() }),
	});
	client.getTotals('2026-01-05').then(
		() => console.log(JSON.stringify({ externals: [...externals], decoded: { code: 'none' } })),
		(error) => console.log(JSON.stringify({ externals: [...externals], decoded: { code: error.code, path: error.path } })),
	);`;

const problems = [];
const started = Date.now();
const work = mkdtempSync(join(tmpdir(), 'zen-n8n-scan-'));
try {
	const tarball = execFileSync('node', [join(packageDir, 'scripts', 'pack.mjs'), work], { encoding: 'utf8' }).trim();
	const unpacked = join(work, 'package');
	execFileSync('tar', ['-xzf', tarball, '-C', work]);
	const manifest = JSON.parse(readFileSync(join(unpacked, 'package.json'), 'utf8'));
	const files = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).trim().split('\n');
	console.log(`packed ${basename(tarball)}: ${files.length} files`);

	if (!files.includes('package/LICENSE')) problems.push('the tarball has no LICENSE');

	// 2. Dependencies.
	const runtime = Object.keys(manifest.dependencies ?? {});
	if (runtime.length > 0) problems.push(`runtime dependencies in the tarball: ${runtime.join(', ')}`);
	const peers = Object.keys(manifest.peerDependencies ?? {});
	if (peers.join() !== 'n8n-workflow') problems.push(`peerDependencies must be only n8n-workflow, got: ${peers.join(', ')}`);

	// 3. Load every declared node and credential on Node 24, as n8n would.
	const declared = [...(manifest.n8n?.nodes ?? []), ...(manifest.n8n?.credentials ?? [])];
	const loader = `
		const { basename } = require('node:path');
		const out = [];
		for (const file of JSON.parse(process.argv[1])) {
			const className = basename(file).split('.')[0];
			const exported = require(require('node:path').resolve(file))[className];
			if (typeof exported !== 'function') throw new Error(file + ' does not export class ' + className);
			const instance = new exported();
			out.push({ file, name: instance.description ? instance.description.name : instance.name });
		}
		console.log(JSON.stringify({ node: process.version, loaded: out }));`;
	try {
		const loaded = JSON.parse(
			execFileSync(tools.node24, ['-e', loader, JSON.stringify(declared)], {
				cwd: unpacked,
				encoding: 'utf8',
				env: { PATH: process.env.PATH, NODE_PATH: tools.n8nModules },
			}),
		);
		console.log(`required on Node ${loaded.node}: ${loaded.loaded.map((entry) => entry.name).join(', ')}`);
	} catch (error) {
		problems.push(`a node failed to load on Node 24:\n${error.stderr || error.message}`);
	}

	// 3b. What the bundle takes from n8n at run time, resolved and used as n8n would.
	try {
		const contract = JSON.parse(
			execFileSync(tools.node24, ['-e', ZOD_CONTRACT_CHECK], {
				cwd: unpacked,
				encoding: 'utf8',
				env: { PATH: process.env.PATH, NODE_PATH: tools.n8nModules },
			}),
		);
		const extra = contract.externals.filter((name) => name !== 'n8n-workflow');
		if (extra.length > 0) problems.push(`the bundle requires packages n8n does not provide: ${extra.join(', ')}`);
		if (contract.decoded.code !== 'ZEN_RESPONSE' || !contract.decoded.path) {
			problems.push(`decoding a malformed answer with the bundled zod gave ${JSON.stringify(contract.decoded)}`);
		} else {
			console.log(`requires only n8n-workflow; the bundled zod names ${contract.decoded.path} in a malformed answer`);
		}
	} catch (error) {
		problems.push(`the bundle check failed on Node 24:\n${error.stderr || error.message}`);
	}

	// 4. The verification scanner's lint.
	const { analyzePackage, SOURCE_FILE_PATTERNS } = await import(pathToFileURL(tools.scannerModule).href);
	for (const [what, dir, patterns] of [
		['tarball', unpacked, ['**/*.js', 'package.json']],
		['sources', packageDir, SOURCE_FILE_PATTERNS],
	]) {
		const result = await analyzePackage(dir, patterns);
		if (result.passed) console.log(`scanner lint (${what}): passed`);
		else problems.push(`scanner lint (${what}): ${result.message}\n${result.details ?? ''}`);
	}
} finally {
	rmSync(work, { recursive: true, force: true });
}

if (problems.length > 0) {
	console.error(`n8n package scan FAILED:\n- ${problems.join('\n- ')}`);
	process.exit(1);
}
console.log(`n8n package scan passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);


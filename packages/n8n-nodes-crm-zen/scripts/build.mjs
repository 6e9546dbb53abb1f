// Builds dist/ the way n8n loads it: CommonJS, one output file per source file (as `tsc` would
// lay it out), with @zen-leads/core — and the zod/v4/mini it decodes with — bundled into
// dist/shared/zen-core.js alone. Only n8n-workflow stays a `require()`: bundling zod frees the
// package from the zod of the n8n it runs in (`zod/v4/mini` exists only from zod 3.25, so
// requiring it would need a minimum n8n version).
// `n8n-node build` only runs tsc, which would leave `require('@zen-leads/core/base')` behind,
// a runtime dependency the verification rules forbid.
import { build } from 'esbuild';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const coreDoor = join(root, 'shared', 'zen-core.ts');

/** Files under `dir` (relative to the package) whose names pass `keep`. */
function filesIn(dir, keep) {
	const found = [];
	for (const name of readdirSync(join(root, dir))) {
		const path = join(dir, name);
		if (statSync(join(root, path)).isDirectory()) found.push(...filesIn(path, keep));
		else if (keep(name)) found.push(path);
	}
	return found;
}

const isSource = (name) => name.endsWith('.ts') && !name.endsWith('.d.ts') && !name.endsWith('.test.ts');
const entryPoints = ['credentials', 'nodes', 'shared'].flatMap((dir) => filesIn(dir, isSource));

/** Keeps the package's own modules as separate files and routes the core through one door. */
const packageLayout = {
	name: 'package-layout',
	setup(pluginBuild) {
		pluginBuild.onResolve({ filter: /^\.\.?\// }, (args) => {
			const importer = args.importer;
			if (!importer.startsWith(root + sep) || importer.includes(`${sep}node_modules${sep}`)) return undefined;
			// One of our own modules: `require()` it from its own output file.
			return { path: args.path, external: true };
		});
		pluginBuild.onResolve({ filter: /^@zen-leads\// }, (args) => {
			if (args.importer === coreDoor) return undefined;
			return {
				errors: [
					{
						text: `${relative(root, args.importer)} imports ${args.path}: import the core through shared/zen-core.ts, so that the bundle holds one copy of it.`,
					},
				],
			};
		});
	},
};

/**
 * zod keeps its config and registry on `globalThis`, a global n8n's verification forbids. The
 * bundled copy is private to this package, so it keeps them on an object of its own.
 */
const privateZodGlobals = {
	name: 'private-zod-globals',
	setup(pluginBuild) {
		pluginBuild.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]core[\\/][^\\/]+\.js$/ }, (args) => {
			const text = readFileSync(args.path, 'utf8');
			if (!text.includes('globalThis')) return undefined;
			return { contents: `const zodGlobals = {};\n${text.replaceAll('globalThis', 'zodGlobals')}`, loader: 'js', resolveDir: dirname(args.path) };
		});
	},
};

rmSync(dist, { recursive: true, force: true });
const result = await build({
	absWorkingDir: root,
	entryPoints,
	outdir: dist,
	outbase: root,
	bundle: true,
	format: 'cjs',
	platform: 'node',
	target: 'node20',
	conditions: ['zen-source'],
	external: ['n8n-workflow'],
	plugins: [packageLayout, privateZodGlobals],
	legalComments: 'none',
	logLevel: 'warning',
	metafile: true,
});

// Icons and codex files sit next to the node and credential files that name them.
for (const asset of ['credentials', 'nodes'].flatMap((dir) => filesIn(dir, (name) => /\.(svg|png|node\.json)$/.test(name)))) {
	mkdirSync(dirname(join(dist, asset)), { recursive: true });
	cpSync(join(root, asset), join(dist, asset));
}

const outputs = Object.entries(result.metafile.outputs).map(([file, output]) => [relative(root, file), output.bytes]);
const total = outputs.reduce((sum, [, bytes]) => sum + bytes, 0);
const core = outputs.find(([file]) => file.endsWith(join('shared', 'zen-core.js')));
console.log(`built ${outputs.length} files, ${(total / 1024).toFixed(1)} KiB (core bundle ${((core?.[1] ?? 0) / 1024).toFixed(1)} KiB)`);

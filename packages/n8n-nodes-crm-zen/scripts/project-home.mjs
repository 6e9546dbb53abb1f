// Where this package lives, in one place. Everything that links to it — package.json's
// `repository`, `homepage`, `bugs` and `author`, the nodes' and the credential's documentation
// links — is written from PROJECT_HOME by this script:
//   node scripts/project-home.mjs           write them
//   node scripts/project-home.mjs --check   exit 1 when a file is out of step (CI runs it)
// The project has no public home yet, so PROJECT_HOME points under `.invalid`, which never
// resolves; scripts/release-check.mjs refuses to release while anything does.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_HOME = {
	/** The Git repository that builds and publishes the package (npm provenance checks it). */
	repository: 'https://git.zen-leads.invalid/zen-leads/zen-lead-totals',
	/** The package's folder in it. */
	directory: 'packages/n8n-nodes-crm-zen',
	maintainers: { name: 'Zen Lead Totals maintainers', email: 'maintainers@zen-leads.invalid' },
};

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CREDENTIAL_FILE = 'credentials/CrmZenApi.credentials.ts';
const CODEX_FILES = ['nodes/CrmZenLeadTotals/CrmZenLeadTotals.node.json', 'nodes/CrmZenLeadTotalsTrigger/CrmZenLeadTotalsTrigger.node.json'];

/** The manifest fields and documentation links PROJECT_HOME gives. */
export function projectLinks(home = PROJECT_HOME) {
	const homepage = `${home.repository}/tree/main/${home.directory}#readme`;
	return {
		manifest: {
			homepage,
			// No `directory`: n8n's `no-monorepo` verification rule reports it (the package is
			// published and verified on its own; homepage and docs still point into its folder).
			repository: { type: 'git', url: `git+${home.repository}.git` },
			bugs: { url: `${home.repository}/issues` },
			author: { ...home.maintainers },
		},
		docs: { primary: homepage, credentials: homepage.replace('#readme', '#credentials') },
	};
}

/** Each file's text as PROJECT_HOME wants it, keyed by its path in the package. */
export function linkedFiles(home = PROJECT_HOME) {
	const { manifest, docs } = projectLinks(home);
	const files = {};
	const json = (path) => JSON.parse(readFileSync(join(root, path), 'utf8'));
	// The links go after `license`, where a reader of the manifest looks for them.
	const ordered = {};
	for (const [key, value] of Object.entries(json('package.json'))) {
		if (key in manifest) continue;
		ordered[key] = value;
		if (key === 'license') Object.assign(ordered, manifest);
	}
	files['package.json'] = ordered;
	for (const path of CODEX_FILES) {
		const codex = json(path);
		codex.resources = {
			credentialDocumentation: [{ url: docs.credentials }],
			primaryDocumentation: [{ url: docs.primary }],
		};
		files[path] = codex;
	}
	// Tabs in the codex files, as n8n's own; two spaces in package.json, as npm writes it.
	const texts = Object.fromEntries(
		Object.entries(files).map(([path, value]) => [path, `${JSON.stringify(value, null, path === 'package.json' ? 2 : '\t')}\n`]),
	);
	// n8n's lint wants the credential's documentation link as a string literal in its class.
	const credential = readFileSync(join(root, CREDENTIAL_FILE), 'utf8');
	texts[CREDENTIAL_FILE] = credential.replace(/(documentationUrl = )'[^']*';/, `$1'${docs.credentials}';`);
	return texts;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	const check = process.argv.includes('--check');
	const stale = [];
	for (const [path, text] of Object.entries(linkedFiles())) {
		if (readFileSync(join(root, path), 'utf8') === text) continue;
		if (check) stale.push(path);
		else writeFileSync(join(root, path), text);
	}
	if (stale.length > 0) {
		console.error(`Out of step with PROJECT_HOME: ${stale.join(', ')}. Run: node ${relative(process.cwd(), fileURLToPath(import.meta.url))}`);
		process.exit(1);
	}
}

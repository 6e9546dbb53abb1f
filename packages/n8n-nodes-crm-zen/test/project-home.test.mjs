// Node's own modules make this a .mjs test: n8n-node lint holds every .ts file of the package to
// n8n Cloud's rules (no node: imports, no child processes).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { linkedFiles, PROJECT_HOME } from '../scripts/project-home.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

describe('PROJECT_HOME', () => {
	it('is what package.json, the codex files and the credential link to', () => {
		for (const [path, text] of Object.entries(linkedFiles())) {
			expect(readFileSync(join(root, path), 'utf8'), `${path}: run node scripts/project-home.mjs`).toBe(text);
		}
		const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
		expect(manifest.repository.url).toBe(`git+${PROJECT_HOME.repository}.git`);
		expect(Object.keys(manifest)).toEqual(expect.arrayContaining(['homepage', 'repository', 'bugs', 'author']));
	});

	it('is refused by the release check while it points under .invalid, and the tarball holds the LICENSE', () => {
		const run = () => execFileSync('node', [join(root, 'scripts', 'release-check.mjs'), tmpdir()], { encoding: 'utf8', stdio: 'pipe' });
		if (!PROJECT_HOME.repository.includes('.invalid')) {
			expect(run()).toMatch(/\.tgz$/m);
			return;
		}
		let stderr = '';
		try {
			run();
		} catch (error) {
			stderr = String(error.stderr);
		}
		expect(stderr).toMatch(/^Not ready to release:$/m);
		expect(stderr).toContain('package/package.json:');
		expect(stderr).toContain('package/dist/credentials/CrmZenApi.credentials.js:');
		expect(stderr).not.toContain('no LICENSE');
	});
});

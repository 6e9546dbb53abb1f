// Run before publishing (the publish workflow does; CI does not): packs the package as it would be
// published and refuses it while anything in it still points at a placeholder home under
// `.invalid` (PROJECT_HOME in scripts/project-home.mjs), lacks its LICENSE, or is out of step
// with PROJECT_HOME. Prints the tarball's path on success.
// Usage: node scripts/release-check.mjs [destination dir for the tarball]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { linkedFiles } from './project-home.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const problems = [];

for (const [path, text] of Object.entries(linkedFiles())) {
	if (readFileSync(join(root, path), 'utf8') !== text) problems.push(`${path} is out of step with PROJECT_HOME: run node scripts/project-home.mjs`);
}

const tarball = execFileSync('node', [join(root, 'scripts', 'pack.mjs'), ...process.argv.slice(2)], { encoding: 'utf8' }).trim();
const unpacked = mkdtempSync(join(tmpdir(), 'zen-n8n-release-'));
try {
	execFileSync('tar', ['-xzf', tarball, '-C', unpacked]);
	const files = walk(join(unpacked, 'package'));
	if (!files.some((file) => relative(join(unpacked, 'package'), file) === 'LICENSE')) problems.push('the tarball has no LICENSE');
	for (const file of files) {
		const lines = readFileSync(file, 'utf8').split('\n');
		lines.forEach((line, index) => {
			if (line.includes('.invalid')) problems.push(`${relative(unpacked, file)}:${index + 1} points under .invalid: set PROJECT_HOME in scripts/project-home.mjs, then run it`);
		});
	}
} finally {
	rmSync(unpacked, { recursive: true, force: true });
}

if (problems.length > 0) {
	rmSync(tarball, { force: true });
	console.error(`Not ready to release:\n- ${problems.join('\n- ')}`);
	process.exit(1);
}
console.log(tarball);

function walk(dir) {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		return statSync(path).isDirectory() ? walk(path) : [path];
	});
}

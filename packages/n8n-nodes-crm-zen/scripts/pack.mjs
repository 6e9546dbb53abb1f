// Packs the package as it is published: `npm pack` of a staging folder whose package.json has
// no devDependencies or scripts (they name workspace packages and tools that mean nothing to an
// n8n instance). Prints the tarball's absolute path. Run after the build.
// Usage: node scripts/pack.mjs [destination dir, default: the package folder]
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const destination = resolve(process.argv[2] ?? root);
const staging = join(root, '.pack');

if (!existsSync(join(root, 'dist', 'shared', 'zen-core.js'))) {
	throw new Error('dist/ is missing: run the build first (pnpm --filter n8n-nodes-crm-zen build).');
}

const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
delete manifest.devDependencies;
delete manifest.scripts;
if (manifest.dependencies && Object.keys(manifest.dependencies).length > 0) {
	throw new Error(`package.json has runtime dependencies (${Object.keys(manifest.dependencies).join(', ')}): n8n community packages must bundle them.`);
}

rmSync(staging, { recursive: true, force: true });
mkdirSync(staging);
writeFileSync(join(staging, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
for (const entry of manifest.files ?? []) cpSync(join(root, entry), join(staging, entry), { recursive: true });
for (const doc of ['README.md', 'LICENSE', 'CHANGELOG.md']) {
	if (existsSync(join(root, doc))) cpSync(join(root, doc), join(staging, doc));
}

mkdirSync(destination, { recursive: true });
const packed = JSON.parse(
	execFileSync('npm', ['pack', '--json', '--pack-destination', destination], { cwd: staging, encoding: 'utf8' }),
);
rmSync(staging, { recursive: true, force: true });
console.log(join(destination, packed[0].filename));

// The cached tools' locations, read from paths.sh so that shell and Node agree on one layout.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const pathsScript = join(dirname(fileURLToPath(import.meta.url)), 'paths.sh');
const names = ['NODE24_BIN', 'N8N_DIR', 'N8N_BIN', 'N8N_VERSION', 'SCANNER_MODULE'];

/** @returns {{ node24: string, n8nDir: string, n8nBin: string, n8nVersion: string, n8nModules: string, scannerModule: string }} */
export function toolPaths() {
	const values = execFileSync('bash', ['-c', `source "$1"; printf '%s\\n' ${names.map((name) => `"$${name}"`).join(' ')}`, 'paths', pathsScript], {
		encoding: 'utf8',
	}).split('\n');
	const [node24, n8nDir, n8nBin, n8nVersion, scannerModule] = values;
	return { node24, n8nDir, n8nBin, n8nVersion, n8nModules: join(n8nDir, 'node_modules'), scannerModule };
}

/** Throws with the install command when a cached tool is missing. */
export function requireInstalled(...paths) {
	for (const path of paths) {
		if (!existsSync(path)) throw new Error(`${path} is missing: run scripts/n8n/install-n8n.sh first.`);
	}
}

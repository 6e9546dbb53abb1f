// `zen-leads serve` from the built CLI, as a company runs the gateway: the real bin in front of
// the simulator over loopback, memory store, the given window.
import { execFileSync, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** Builds the CLI and what it loads (turbo skips what is current); ZEN_BUILT=1: the test command did. */
export function buildGatewayCli() {
	if (process.env.ZEN_BUILT === '1') return;
	execFileSync(join(repoRoot, 'node_modules', '.bin', 'turbo'), ['run', 'build', '--filter=@zen-leads/cli...', '--output-logs=errors-only'], { cwd: repoRoot, stdio: 'inherit' });
}

/**
 * Resolves once the gateway prints where it listens: `{ child, url, output() }`. `args`: more serve
 * flags. Keep-today-fresh is off unless `args` sets it: the tests count the requests their
 * workflows cause, and its refreshes of today in São Paulo business hours would add to them.
 */
export function startGateway(env, windowMs, args = []) {
	const quiet = args.includes('--keep-today-fresh') ? [] : ['--keep-today-fresh', 'off'];
	const child = spawn(process.execPath, [join(repoRoot, 'packages/cli/dist/bin.js'), 'serve', '--port', '0', '--store', 'memory:', '--min-interval', `${windowMs}ms`, ...quiet, ...args], {
		env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let stdout = '';
	let stderr = '';
	child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
	return new Promise((resolve, reject) => {
		child.stdout.setEncoding('utf8').on('data', (chunk) => {
			stdout += chunk;
			const url = /listening on (http:\/\/\S+) /.exec(stdout)?.[1];
			if (url) resolve({ child, url, output: () => `${stdout}${stderr}` });
		});
		child.on('exit', (code) => reject(new Error(`zen-leads serve exited (${code}):\n${stderr}`)));
	});
}

// A throwaway n8n for end-to-end tests: the cached n8n 2.41.1 on Node 24, a temporary user
// folder, our packed tarball where n8n loads community packages, and the n8n CLI for the rest
// (import:credentials, import:workflow, execute). Offline: every network feature is off.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { requireInstalled, toolPaths } from '../../../scripts/n8n/tool-paths.mjs';

const run = promisify(execFile);

/** @typedef {{ code: number, stdout: string, stderr: string, ms: number }} CliResult */

export class N8nSandbox {
	/** @param {{ tarball: string }} options */
	constructor({ tarball }) {
		this.tools = toolPaths();
		requireInstalled(this.tools.node24, this.tools.n8nBin);
		this.userFolder = mkdtempSync(join(tmpdir(), 'zen-n8n-e2e-'));
		const packageDir = join(this.userFolder, '.n8n', 'nodes', 'node_modules', 'n8n-nodes-crm-zen');
		mkdirSync(packageDir, { recursive: true });
		this.env = {
			PATH: `${join(this.tools.node24, '..')}:${process.env.PATH}`,
			HOME: this.userFolder,
			N8N_USER_FOLDER: this.userFolder,
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_AI_ENABLED: 'false',
			N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
			N8N_LOG_LEVEL: 'info',
			N8N_RUNNERS_ENABLED: 'false',
			TZ: 'UTC',
		};
		// Unpacked as npm would, without npm: installing would pull n8n-workflow (a peer) from
		// the registry, where n8n provides its own.
		this.ready = Promise.all([
			run('tar', ['-xzf', tarball, '-C', packageDir, '--strip-components=1']),
			// Every n8n opens a task broker port (5679 by default): other n8n runs on this machine
			// (another test suite) must not collide with this one.
			freePort().then((port) => (this.env.N8N_RUNNERS_BROKER_PORT = String(port))),
		]);
	}

	/** Runs one n8n CLI command; never throws on a non-zero exit (failing executions are tested). */
	async cli(...args) {
		await this.ready;
		const started = Date.now();
		try {
			const { stdout, stderr } = await run(this.tools.node24, [this.tools.n8nBin, ...args], {
				env: this.env,
				cwd: this.userFolder,
				maxBuffer: 64 * 1024 * 1024,
				timeout: 120_000,
			});
			return { code: 0, stdout, stderr, ms: Date.now() - started };
		} catch (error) {
			// Killed (a signal, the timeout) or never started: no run to inspect, so say why.
			if (typeof error.code !== 'number') {
				throw new Error(`n8n ${args[0]} did not finish (${error.signal ?? error.code}):\n${String(error.stderr ?? '').slice(-2000)}`);
			}
			return { code: error.code, stdout: error.stdout, stderr: error.stderr, ms: Date.now() - started };
		}
	}

	async importJson(command, name, entries) {
		const file = join(this.userFolder, name);
		writeFileSync(file, JSON.stringify(entries));
		const result = await this.cli(command, `--input=${file}`);
		if (result.code !== 0) throw new Error(`n8n ${command} failed:\n${result.stdout}\n${result.stderr}`);
		return result;
	}

	importCredentials(credentials) {
		return this.importJson('import:credentials', 'credentials.json', credentials);
	}

	importWorkflows(workflows) {
		return this.importJson('import:workflow', 'workflows.json', workflows);
	}

	/**
	 * `n8n execute --id=… --rawOutput`, parsed. A successful run prints the run's JSON; a failed
	 * one logs the same JSON after "Execution error:" and exits 1.
	 * @returns {Promise<CliResult & { run: any }>}
	 */
	async execute(workflowId) {
		const result = await this.cli('execute', `--id=${workflowId}`, '--rawOutput');
		return { ...result, run: lastRunJson(result.stdout) };
	}

	dispose() {
		rmSync(this.userFolder, { recursive: true, force: true });
	}
}

/** A TCP port nothing listens on now, on loopback. */
export async function freePort() {
	const server = createServer();
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address();
	await new Promise((resolve) => server.close(resolve));
	return port;
}

/** The first top-level JSON object printed with 2-space indentation (`{` … `}` on lines of their own). */
function lastRunJson(stdout) {
	const lines = stdout.split('\n');
	const start = lines.indexOf('{');
	const end = lines.indexOf('}', start);
	if (start === -1 || end === -1) return undefined;
	return JSON.parse(lines.slice(start, end + 1).join('\n'));
}

/** The JSON of each item a node output in its first run. */
export function itemsOf(run, nodeName) {
	const task = run?.data?.resultData?.runData?.[nodeName]?.[0];
	if (!task) throw new Error(`node "${nodeName}" did not run`);
	return (task.data?.main?.[0] ?? []).map((item) => item);
}

// n8n in queue mode, as production runs it: a real redis-server on a free loopback port, one
// main (`n8n start`, N8nServer) and workers (`n8n worker`) sharing the sandbox's user folder
// (its SQLite database, encryption key and installed community package). n8n 2.41.1 only warns
// that SQLite is not officially supported in scaling mode; on one machine it works.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { freePort } from './n8n-sandbox.mjs';

/** A throwaway redis-server (no persistence) on a free loopback port, stopped by `stop()`. */
export async function startRedis() {
	const dir = mkdtempSync(join(tmpdir(), 'zen-n8n-redis-'));
	const port = await freePort();
	const child = spawn('redis-server', ['--bind', '127.0.0.1', '--port', String(port), '--dir', dir, '--save', '', '--appendonly', 'no'], {
		stdio: ['ignore', 'ignore', 'pipe'],
	});
	const exited = new Promise((resolve) => child.once('exit', resolve));
	const deadline = Date.now() + 15_000;
	while (!(await pings(port))) {
		if (child.exitCode !== null || Date.now() > deadline) throw new Error(`redis-server did not start on port ${port}`);
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	return {
		port,
		async stop() {
			if (child.exitCode === null) child.kill('SIGTERM');
			await exited;
			rmSync(dir, { recursive: true, force: true });
		},
	};
}

function pings(port) {
	return new Promise((resolve) => {
		const socket = connect(port, '127.0.0.1');
		socket.setTimeout(1_000);
		socket.once('connect', () => socket.write('PING\r\n'));
		socket.once('data', (data) => {
			socket.destroy();
			resolve(data.toString().startsWith('+PONG'));
		});
		socket.once('error', () => resolve(false));
		socket.once('timeout', () => {
			socket.destroy();
			resolve(false);
		});
	});
}

/** The environment main and workers share: queue mode on this Redis. */
export function queueEnv(redisPort) {
	return {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redisPort),
		QUEUE_HEALTH_CHECK_ACTIVE: 'false',
		// One machine: the workers read the main's SQLite file (WAL lets them read while it writes).
		DB_SQLITE_POOL_SIZE: '2',
	};
}

/** One `n8n worker`, its log kept; `executions()` lists the execution ids it started. */
export class N8nWorker {
	/** @param {import('./n8n-sandbox.mjs').N8nSandbox} sandbox */
	constructor(sandbox, name, env) {
		this.sandbox = sandbox;
		this.name = name;
		this.env = env;
		this.logs = '';
	}

	async start(concurrency) {
		await this.sandbox.ready;
		this.child = spawn(this.sandbox.tools.node24, [this.sandbox.tools.n8nBin, 'worker', `--concurrency=${concurrency}`], {
			cwd: this.sandbox.userFolder,
			// Each process opens its own task broker port: they must not collide.
			env: { ...this.sandbox.env, ...this.env, N8N_RUNNERS_BROKER_PORT: String(await freePort()) },
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		const collect = (chunk) => (this.logs += chunk.toString());
		this.child.stdout.on('data', collect);
		this.child.stderr.on('data', collect);
		this.exited = new Promise((resolve) => this.child.once('exit', resolve));
		const deadline = Date.now() + 150_000;
		while (!this.logs.includes('n8n worker is now ready')) {
			if (this.child.exitCode !== null) throw new Error(`${this.name} exited at start:\n${this.logs.slice(-4000)}`);
			if (Date.now() > deadline) throw new Error(`${this.name} did not get ready:\n${this.logs.slice(-4000)}`);
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
		return this;
	}

	/** The ids of the executions this worker started, from its own log. */
	executions() {
		return [...this.logs.matchAll(/Worker started execution (\d+) /g)].map((match) => match[1]);
	}

	async stop() {
		if (!this.child || this.child.exitCode !== null) return;
		this.child.kill('SIGTERM');
		const killed = setTimeout(() => this.child.kill('SIGKILL'), 15_000);
		await this.exited;
		clearTimeout(killed);
	}
}

// A running `n8n start` for end-to-end tests that need one n8n process: active workflows (a
// polling trigger, webhooks), executions that share the process's memory, the credential test
// and the REST API as the editor uses it. Started from an N8nSandbox, whose user folder (with
// imported credentials and workflows) it serves.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { join } from 'node:path';

import { freePort } from './n8n-sandbox.mjs';

const OWNER = { email: 'owner@zen-leads.invalid', firstName: 'Zen', lastName: 'Owner', password: 'Zen-e2e-Passw0rd' };

export class N8nServer {
	/**
	 * @param {import('./n8n-sandbox.mjs').N8nSandbox} sandbox
	 * @param {{ env?: Record<string, string> }} [options] more environment, e.g. queue mode's
	 */
	constructor(sandbox, { env = {} } = {}) {
		this.sandbox = sandbox;
		this.extraEnv = env;
		this.browserId = randomUUID();
		this.logs = '';
		this.flatted = createRequire(join(sandbox.tools.n8nModules, 'n8n', 'package.json'))('flatted');
	}

	/** Starts n8n on a free loopback port, waits until it serves, and signs the owner in. */
	async start() {
		await this.sandbox.ready;
		this.port = await freePort();
		this.url = `http://127.0.0.1:${this.port}`;
		this.child = spawn(this.sandbox.tools.node24, [this.sandbox.tools.n8nBin, 'start'], {
			cwd: this.sandbox.userFolder,
			env: {
				...this.sandbox.env,
				N8N_PORT: String(this.port),
				N8N_LISTEN_ADDRESS: '127.0.0.1',
				N8N_HOST: '127.0.0.1',
				N8N_SECURE_COOKIE: 'false',
				N8N_LOG_LEVEL: 'debug',
				N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '5',
				EXECUTIONS_MODE: 'regular',
				// A published workflow's triggers start within a second, not at the next 15 s poll.
				N8N_WORKFLOW_PUBLICATION_OUTBOX_POLL_INTERVAL_MS: '500',
				...this.extraEnv,
			},
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		const collect = (chunk) => (this.logs += chunk.toString());
		this.child.stdout.on('data', collect);
		this.child.stderr.on('data', collect);
		this.exited = new Promise((resolve) => this.child.once('exit', resolve));
		await this.waitFor(async () => (await fetch(`${this.url}/healthz/readiness`).catch(() => undefined))?.ok, 150_000, 'n8n to serve');
		// The server answers before the active workflows are loaded; an activation in between can
		// be lost (seen in queue mode): wait for the last line of the start.
		await this.waitFor(() => this.logs.includes('Editor is now accessible via'), 150_000, 'n8n to finish starting');
		const setup = await this.rest('POST', '/rest/owner/setup', OWNER);
		this.cookie = (setup.headers.get('set-cookie') ?? '').split(';')[0];
		if (!this.cookie.startsWith('n8n-auth=')) throw new Error(`owner setup gave no session: ${setup.status} ${JSON.stringify(setup.body)}`);
		return this;
	}

	/** A REST call as the signed-in owner; `body` is the parsed JSON answer. */
	async rest(method, path, body) {
		const response = await fetch(`${this.url}${path}`, {
			method,
			headers: {
				'content-type': 'application/json',
				'browser-id': this.browserId,
				...(this.cookie ? { cookie: this.cookie } : {}),
			},
			...(body === undefined ? {} : { body: JSON.stringify(body) }),
		});
		const text = await response.text();
		let parsed;
		try {
			parsed = JSON.parse(text);
		} catch {
			parsed = text;
		}
		return { status: response.status, headers: response.headers, body: parsed };
	}

	/** Activates (publishes) a workflow's current version, as the editor's toggle does. */
	async activate(workflowId) {
		const current = await this.rest('GET', `/rest/workflows/${workflowId}`);
		const activated = await this.rest('POST', `/rest/workflows/${workflowId}/activate`, { versionId: current.body.data.versionId });
		if (activated.status !== 200) throw new Error(`activating ${workflowId} failed: ${activated.status} ${JSON.stringify(activated.body)}`);
		// n8n 2.x publishes through an outbox its leader polls: the webhooks and pollers exist
		// once the publication settles, not when the call answers.
		const status = await this.waitFor(async () => {
			const answer = await this.rest('GET', `/rest/workflows/${workflowId}/publication-status`);
			if (answer.status === 404) return 'published'; // an n8n without the publication service
			const settled = answer.body?.data?.status;
			return settled && settled !== 'in_progress' && settled !== 'not_published' ? settled : undefined;
		}, 60_000, `workflow ${workflowId} to be published`);
		if (status !== 'published') throw new Error(`publishing ${workflowId} ended ${status}`);
	}

	/** Calls an active workflow's webhook; resolves with the answer and when it arrived. */
	async webhook(path, init = {}) {
		const response = await fetch(`${this.url}/webhook/${path}`, init);
		const text = await response.text();
		return { status: response.status, text, json: safeJson(text), at: Date.now() };
	}

	/** Finished executions of a workflow, newest first, each with its run data parsed. */
	async executions(workflowId) {
		const filter = encodeURIComponent(JSON.stringify({ workflowId }));
		const list = await this.rest('GET', `/rest/executions?filter=${filter}`);
		const results = list.body?.data?.results ?? [];
		const full = [];
		for (const summary of results) {
			const one = await this.rest('GET', `/rest/executions/${summary.id}`);
			full.push({ ...one.body.data, data: this.flatted.parse(one.body.data.data) });
		}
		return full;
	}

	/** The error of a workflow's latest execution, as text for a failing assertion's message. */
	async lastError(workflowId) {
		const [latest] = await this.executions(workflowId);
		return JSON.stringify(latest?.data?.resultData?.error ?? latest?.status ?? 'no execution');
	}

	/** Polls `check` until it returns something truthy, or fails after `timeoutMs`. */
	async waitFor(check, timeoutMs, what) {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const value = await check();
			if (value) return value;
			if (this.child.exitCode !== null) throw new Error(`n8n exited while waiting for ${what}:\n${this.logs.slice(-4000)}`);
			if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}:\n${this.logs.slice(-4000)}`);
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
	}

	async stop() {
		if (!this.child || this.child.exitCode !== null) return;
		this.child.kill('SIGTERM');
		const killed = setTimeout(() => this.child.kill('SIGKILL'), 15_000);
		await this.exited;
		clearTimeout(killed);
	}
}

function safeJson(text) {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}

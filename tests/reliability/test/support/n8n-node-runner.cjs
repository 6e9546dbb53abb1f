// Runs the n8n package's real, built action node (dist/…/CrmZenLeadTotals.node.js: the CommonJS
// bundle n8n loads, core included) in a plain Node process, as n8n does, with a stand-in for n8n's
// IExecuteFunctions. Driven over IPC by n8n-node-harness.ts: one message in, one result out.
//
// The stand-in does what n8n does around a node and nothing more: it hands out the parameters
// (typeVersion 2 by default, what new nodes get; 1 on request) and the `crmZenApi` credential (URL,
// Token, Allow Plain HTTP), keeps the execution hints, and its httpRequestWithAuthentication
// applies the credential's `authenticate` (the trimmed `token` header) and sends the request over
// a real loopback socket with node:http — the stack under n8n's axios — decompressing, timing out
// and failing as axios does, with an error that carries the request config and so the token, as
// n8n's does. The real-n8n end-to-end test lives in the package itself (e2e/); this runner is for
// wide matrices.
'use strict';
const { request: httpRequest } = require('node:http');
const { inspect } = require('node:util');
const { createBrotliDecompress, createGunzip, createInflate } = require('node:zlib');

const nodePackage = process.argv[2];
const { CrmZenLeadTotals } = require(`${nodePackage}/dist/nodes/CrmZenLeadTotals/CrmZenLeadTotals.node.js`);

const unhandled = [];
process.on('unhandledRejection', (reason) => unhandled.push(inspect(reason)));
process.on('uncaughtException', (error) => unhandled.push(inspect(error)));

class AxiosLikeError extends Error {
	constructor(message, code, config) {
		super(message);
		this.name = 'AxiosError';
		this.code = code;
		this.config = config;
	}
}

function sendLikeN8n(options) {
	const config = { url: options.url, headers: options.headers };
	return new Promise((resolve, reject) => {
		let settled = false;
		let timer;
		const fail = (message, code) => {
			if (settled) return;
			settled = true;
			clearTimeout(timer);
			// n8n throws its own error around axios's; the node reads only the `cause` chain.
			const cause = new AxiosLikeError(message, code, config);
			reject(Object.assign(new Error(`${message} (GET ${options.url})`), { cause, config }));
		};
		const request = httpRequest(options.url, {
			method: options.method || 'GET',
			headers: { ...options.headers, 'accept-encoding': 'gzip, compress, deflate, br' },
		});
		if (options.timeout) {
			timer = setTimeout(() => {
				fail(`timeout of ${options.timeout}ms exceeded`, 'ECONNABORTED');
				request.destroy();
			}, options.timeout);
		}
		request.on('error', (error) => fail(error.message, error.code || 'ERR_NETWORK'));
		request.on('response', (response) => {
			const encoding = String(response.headers['content-encoding'] || '').toLowerCase();
			let stream = response;
			if (encoding === 'gzip' || encoding === 'x-gzip') stream = response.pipe(createGunzip());
			else if (encoding === 'deflate') stream = response.pipe(createInflate());
			else if (encoding === 'br') stream = response.pipe(createBrotliDecompress());
			const chunks = [];
			response.on('aborted', () => fail('stream has been aborted', 'ECONNRESET'));
			response.on('error', (error) => fail(error.message, error.code || 'ERR_BAD_RESPONSE'));
			stream.on('error', (error) => fail(error.message, error.code || 'ERR_BAD_RESPONSE'));
			stream.on('data', (chunk) => chunks.push(chunk));
			stream.on('end', () => {
				if (settled) return;
				if (!response.complete) return fail('stream has been aborted', 'ECONNRESET');
				settled = true;
				clearTimeout(timer);
				resolve({ statusCode: response.statusCode, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') });
			});
		});
		request.end();
	});
}

/** Everything a user or a log could see of an error thrown by the node. */
function describeError(error) {
	if (!error || typeof error !== 'object') return { name: typeof error, message: String(error), json: JSON.stringify(error), inspect: inspect(error) };
	return {
		name: error.constructor ? error.constructor.name : 'Object',
		message: String(error.message),
		description: error.description,
		httpCode: error.httpCode,
		failure: error.failure,
		json: JSON.stringify(error),
		inspect: inspect(error, { depth: 10, showHidden: true }),
		stack: String(error.stack),
	};
}

async function run(options) {
	const node = new CrmZenLeadTotals();
	const typeVersion = options.typeVersion === undefined ? 2 : options.typeVersion;
	const dates = options.dates || ['2025-06-15'];
	const calls = [];
	const hints = [];
	const credentials = { url: options.url, token: options.token, allowInsecureHttp: options.allowInsecureHttp === true };
	const nodeInfo = { id: 'reliability', name: 'CRM Zen Lead Totals', type: 'n8n-nodes-crm-zen.crmZenLeadTotals', typeVersion, position: [0, 0], parameters: {} };
	// typeVersion 1 reads "Date"; 2 reads "Day" and, for a Specific Date, its "Date" picker.
	const days = (itemIndex) =>
		typeVersion === 1
			? { date: dates[itemIndex] }
			: { day: options.day === undefined ? 'specificDate' : options.day, date: dates[itemIndex], fromDate: options.fromDate, toDate: options.toDate };
	const parameters = (itemIndex) => ({
		...days(itemIndex),
		output: options.output === undefined ? 'users' : options.output,
		options: {
			onRateLimit: options.onRateLimit || 'fail',
			...(options.maxWaitMinutes === undefined ? {} : { maxWaitMinutes: options.maxWaitMinutes }),
			...(options.timeoutSeconds === undefined ? {} : { timeoutSeconds: options.timeoutSeconds }),
			...(options.includeRaw ? { includeRaw: true } : {}),
		},
	});
	const context = {
		getInputData: () => dates.map(() => ({ json: {} })),
		getExecutionCancelSignal: () => undefined,
		getNodeParameter: (name, itemIndex, fallback) => {
			const value = parameters(itemIndex)[name];
			return value === undefined ? fallback : value;
		},
		getNode: () => nodeInfo,
		continueOnFail: () => options.continueOnFail === true,
		addExecutionHints: (...added) => hints.push(...added),
		getCredentials: async (type) => {
			if (type !== 'crmZenApi') throw new Error(`unexpected credential type ${type}`);
			return { ...credentials };
		},
		helpers: {
			httpRequestWithAuthentication(credentialType, requestOptions) {
				calls.push({ credentialType, url: requestOptions.url, headers: { ...requestOptions.headers }, timeout: requestOptions.timeout });
				// The credential's `authenticate`: headers.token = {{ String($credentials.token).trim() }}.
				return sendLikeN8n({ ...requestOptions, headers: { ...requestOptions.headers, token: String(credentials.token).trim() } });
			},
		},
	};
	const started = performance.now();
	let items;
	let error;
	try {
		[items] = await node.execute.call(context);
	} catch (thrown) {
		error = describeError(thrown);
	}
	const elapsedMs = performance.now() - started;
	// Let late rejections surface before reporting.
	for (let turn = 0; turn < 3; turn++) await new Promise((resolve) => setImmediate(resolve));
	return { items, error, calls, hints, elapsedMs, unhandled: unhandled.splice(0) };
}

process.on('message', (message) => {
	run(message.options).then(
		(result) => process.send({ id: message.id, result }),
		(failure) => process.send({ id: message.id, result: { error: describeError(failure), calls: [], hints: [], elapsedMs: 0, unhandled: [] } }),
	);
});
process.send({ ready: true });

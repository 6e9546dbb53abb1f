/**
 * Runs the n8n package's built action node in a child Node process (see n8n-node-runner.cjs):
 * a plain `require()` of the dist bundle, as n8n does it, away from the test runner's module
 * hooks and export conditions, driven over IPC. The node keeps one rate-limit window and one
 * cache per token for its whole process, as in n8n: a run that must reach the server with a
 * token another run already used takes a fresh process (`runInFreshN8nProcess`).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const RUNNER = fileURLToPath(new URL('./n8n-node-runner.cjs', import.meta.url));
const NODE_PACKAGE = fileURLToPath(new URL('../../node_modules/n8n-nodes-crm-zen', import.meta.url));

/** What the node asked n8n's helper to send (the token is added by the credential, not here). */
export interface HelperCall {
  credentialType: string;
  url: string;
  headers: Record<string, string>;
  timeout: number | undefined;
}

/** Everything a user or a log could see of the error the node threw. */
export interface NodeErrorView {
  name: string;
  message: string;
  description?: string;
  httpCode?: string;
  failure?: { cause?: string; retryAfterMs?: number; resetsAtEpochMs?: number };
  json: string;
  inspect: string;
  stack: string;
}

export interface NodeRun {
  items?: { json: Record<string, unknown>; pairedItem?: unknown }[];
  error?: NodeErrorView;
  calls: HelperCall[];
  /** The execution hints the node added (the output pane's notes). */
  hints: { message: string; type?: string; location?: string }[];
  elapsedMs: number;
  /** Rejections and exceptions nobody handled in the node's process during the run. */
  unhandled: string[];
}

export interface NodeRunOptions {
  /** The credential's URL, Token and Allow Plain HTTP (Gateway On Your Own Network). */
  url: string;
  token: string;
  allowInsecureHttp?: boolean;
  /** The node's typeVersion: 2 (default, what new nodes get) or 1 (workflows saved before). */
  typeVersion?: 1 | 2;
  /** typeVersion 2's Day; `specificDate` (the default here) reads each item's date from `dates`. */
  day?: unknown;
  /** typeVersion 2's From and To, for Day `dateRange`. */
  fromDate?: unknown;
  toDate?: unknown;
  /** One date per input item; a non-string passes through as an n8n expression's result would. */
  dates?: unknown[];
  output?: unknown;
  onRateLimit?: 'wait' | 'fail';
  maxWaitMinutes?: number;
  timeoutSeconds?: number;
  includeRaw?: boolean;
  continueOnFail?: boolean;
}

export interface N8nNodeHarness {
  run(options: NodeRunOptions): Promise<NodeRun>;
  close(): Promise<void>;
}

export async function startN8nNodeHarness(): Promise<N8nNodeHarness> {
  // No inherited execArgv: the test worker's `--conditions` would make `require` pick ESM builds.
  const child: ChildProcess = fork(RUNNER, [NODE_PACKAGE], { execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const pending = new Map<number, (result: NodeRun) => void>();
  let sequence = 0;
  await new Promise<void>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`n8n node runner exited with ${code}`)));
    child.on('message', (message: { ready?: true; id?: number; result?: NodeRun }) => {
      if (message.ready) resolve();
      else if (message.id !== undefined && message.result) pending.get(message.id)?.(message.result);
    });
  });
  return {
    run: (options) =>
      new Promise<NodeRun>((resolve) => {
        const id = ++sequence;
        pending.set(id, (result) => {
          pending.delete(id);
          resolve(result);
        });
        child.send({ id, options });
      }),
    close: async () => {
      child.removeAllListeners('exit');
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill();
      await exited;
    },
  };
}

/** One run in a process of its own: a fresh n8n, whose window and cache no other run has used. */
export async function runInFreshN8nProcess(options: NodeRunOptions): Promise<NodeRun> {
  const harness = await startN8nNodeHarness();
  try {
    return await harness.run(options);
  } finally {
    await harness.close();
  }
}

/**
 * Runs the n8n package's built action node in a child Node process (see n8n-node-runner.cjs):
 * a plain `require()` of the dist bundle, as n8n does it, away from the test runner's module
 * hooks and export conditions. One child per test file, driven over IPC.
 */
import { fork, type ChildProcess } from 'node:child_process';
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
  elapsedMs: number;
  /** Rejections and exceptions nobody handled in the node's process during the run. */
  unhandled: string[];
}

export interface NodeRunOptions {
  url: string;
  token: string;
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
      child.kill();
    },
  };
}

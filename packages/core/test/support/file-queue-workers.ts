import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';

export interface QueueWorkerEvent {
  event: 'ready' | 'entered' | 'data' | 'error' | 'done';
  date?: string;
  message?: string;
  lockStats?: { acquisitions: number; heldMs: number };
  waiterSeconds?: number;
}

export interface QueueWorker {
  events: QueueWorkerEvent[];
  /** Resolves with the first event matching (past or future); rejects if the process ends first. */
  next(match: (event: QueueWorkerEvent) => boolean): Promise<QueueWorkerEvent>;
  /** Puts a day in this process's line. */
  ask(date: string): void;
  /** No more days: the process finishes what it has and reports `done`. */
  end(): void;
}

const packageDir = fileURLToPath(new URL('../../', import.meta.url));
const workerScript = fileURLToPath(new URL('../fixtures/file-queue-worker.mjs', import.meta.url));
const running = new Set<ChildProcess>();
afterEach(() => {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
});

/** Starts fixtures/file-queue-worker.mjs as a Node process (it runs the built dist). */
export function startQueueWorker(config: { url: string; dir: string; minIntervalMs: number; windowMarginMs: number }, token: string): QueueWorker {
  const child = spawn(process.execPath, [workerScript], {
    cwd: packageDir,
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, ZEN_TOKEN: token, ZEN_WORKER_CONFIG: JSON.stringify(config) },
  });
  running.add(child);
  const events: QueueWorkerEvent[] = [];
  const listeners = new Set<() => void>();
  let stderr = '';
  let buffered = '';
  let ended = false;
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    const lines = (buffered + chunk).split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) if (line.trim()) events.push(JSON.parse(line) as QueueWorkerEvent);
    for (const listener of listeners) listener();
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  child.once('exit', () => {
    ended = true;
    running.delete(child);
    for (const listener of listeners) listener();
  });
  return {
    events,
    next: (match) =>
      new Promise((resolve, reject) => {
        const check = (): void => {
          const found = events.find(match);
          if (found || ended) listeners.delete(check);
          if (found) resolve(found);
          else if (ended) reject(new Error(`the worker ended first: ${stderr.slice(-2_000)}`));
        };
        listeners.add(check);
        check();
      }),
    ask: (date) => child.stdin.write(`${date}\n`),
    end: () => child.stdin.end(),
  };
}

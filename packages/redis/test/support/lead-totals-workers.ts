/**
 * Starts lead-totals-worker.mjs as real OS processes on Node, Bun or Deno (the binaries the test
 * command caches), reads their JSON-line reports, and kills whatever a test leaves running.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { bunBinary, denoBinary } from '@zen-leads/test-support/runtimes';
import { afterEach } from 'vitest';

export type Runtime = 'node' | 'bun' | 'deno';

export type WorkerStore = { kind: 'redis'; url: string; keyPrefix: string } | { kind: 'file'; dir: string };

export interface WorkerConfig {
  /** The simulator's URL. */
  url: string;
  /** The days this process asks for, all at once. */
  dates: string[];
  minIntervalMs: number;
  store: WorkerStore;
  /** This process's clock is off from the server's by this much. */
  clockOffsetMs?: number;
  /** The request never completes: the process keeps its reservation until it is killed. */
  holdRequest?: boolean;
}

export interface WorkerEvent {
  event: 'ready' | 'reserve' | 'wait' | 'rate-limited' | 'holding' | 'data' | 'error' | 'done';
  /** Date.now() in the worker (the machine's clock, not the injected one). */
  at: number;
  date?: string;
  fromCache?: boolean;
  /** On `wait`: how long the store said the window stays taken. */
  waitMs?: number;
  /** On `rate-limited`: the cooldown learned from the 429. */
  cooldownMs?: number;
  runtime?: string;
  message?: string;
}

export interface LeadTotalsWorker {
  runtime: Runtime;
  events: WorkerEvent[];
  /** Lets the worker start asking (it waits for this after `ready`). */
  go(): void;
  /** Resolves with the first event of this kind (past or future); rejects if the process ends first. */
  next(event: WorkerEvent['event']): Promise<WorkerEvent>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(signal: NodeJS.Signals): void;
  /** What the process wrote to stderr, for failure messages. */
  stderr(): string;
}

const packageDir = fileURLToPath(new URL('../../', import.meta.url));
const workerScript = fileURLToPath(new URL('../fixtures/lead-totals-worker.mjs', import.meta.url));
const running = new Set<ChildProcess>();

afterEach(() => {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
});

function commandFor(runtime: Runtime, config: WorkerConfig): [string, string[]] {
  switch (runtime) {
    case 'node':
      return [process.execPath, [workerScript]];
    case 'bun':
      return [bunBinary(), [workerScript]];
    case 'deno': {
      // Least privilege: loopback only, read the code, write only the file store's folder.
      const write = config.store.kind === 'file' ? [`--allow-write=${config.store.dir}`] : [];
      return [
        denoBinary(),
        ['run', '--allow-net=127.0.0.1', '--allow-read', '--allow-env', ...write, workerScript],
      ];
    }
  }
}

export function startWorker(runtime: Runtime, config: WorkerConfig, token: string): LeadTotalsWorker {
  const [command, args] = commandFor(runtime, config);
  const child = spawn(command, args, {
    cwd: packageDir,
    stdio: ['pipe', 'pipe', 'pipe'],
    env: {
      ...process.env,
      ZEN_TOKEN: token,
      ZEN_WORKER_CONFIG: JSON.stringify(config),
      // No update checks or telemetry: the tests stay on loopback.
      DENO_NO_UPDATE_CHECK: '1',
      DENO_NO_PROMPT: '1',
      DO_NOT_TRACK: '1',
    },
  });
  running.add(child);

  const events: WorkerEvent[] = [];
  const listeners = new Set<() => void>();
  let stderr = '';
  let buffered = '';
  let ended = false;
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    buffered += chunk;
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) if (line.trim()) events.push(JSON.parse(line) as WorkerEvent);
    for (const listener of listeners) listener();
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => {
      ended = true;
      running.delete(child);
      for (const listener of listeners) listener();
      resolve({ code, signal });
    }),
  );

  return {
    runtime,
    events,
    go: () => child.stdin.end('go\n'),
    next: (event) =>
      new Promise((resolve, reject) => {
        const check = (): void => {
          const found = events.find((e) => e.event === event);
          if (found) {
            listeners.delete(check);
            resolve(found);
          } else if (ended) {
            listeners.delete(check);
            reject(new Error(`${runtime} worker ended before "${event}": ${stderr.slice(-2_000)}`));
          }
        };
        listeners.add(check);
        check();
      }),
    exited,
    kill: (signal) => child.kill(signal),
    stderr: () => stderr,
  };
}

import { spawn, type ChildProcess } from 'node:child_process';

export interface ProcessResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to its end, output collected, killed if it hangs. */
export function runProcess(command: string, args: readonly string[], options: { cwd: string; env: Record<string, string> }): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, [...args], { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** A served `zen-simulator`: its URL, and the request lines it logs on stderr. */
export interface RunningSimulator {
  url: string;
  requests(): string[];
  stop(): void;
}

export function startSimulator(node: string, bin: string, token: string, env: Record<string, string>): Promise<RunningSimulator> {
  const child: ChildProcess = spawn(node, [bin, '--window', '0', '--token', token], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (log += chunk));
  return new Promise((resolve, reject) => {
    let out = '';
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`zen-simulator exited (${code}) before printing its URL: ${log}`)));
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const [first] = out.split('\n', 1);
      if (!out.includes('\n') || first === undefined) return;
      resolve({ url: first.trim(), requests: () => log.split('\n').filter((line) => line.startsWith('GET ')), stop: () => child.kill('SIGTERM') });
    });
  });
}

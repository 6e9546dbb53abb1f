import type { CliContext, OutputStream } from '../../src/cli-context.js';

/** A stream that keeps what was written, for in-process runs. */
export class MemoryOutput implements OutputStream {
  text = '';
  constructor(
    readonly isTTY = false,
    readonly columns?: number,
  ) {}
  write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }
}

/** A context for in-process runs: given env, buffered streams, a fixed or real clock. */
export function memoryContext(env: Record<string, string | undefined> = {}, now: () => number = Date.now): CliContext & { stdout: MemoryOutput; stderr: MemoryOutput } {
  return { env, stdout: new MemoryOutput(), stderr: new MemoryOutput(), now };
}

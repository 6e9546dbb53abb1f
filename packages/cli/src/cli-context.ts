/** A stream the CLI writes to: `process.stdout`/`stderr`, or a buffer in tests. */
export interface OutputStream {
  write(chunk: string): unknown;
  /** True when a person is watching (a terminal): enables the live countdown. */
  isTTY?: boolean;
}

/** Everything a command touches outside itself, passed in so it can run in-process in tests. */
export interface CliContext {
  env: Readonly<Record<string, string | undefined>>;
  stdout: OutputStream;
  stderr: OutputStream;
  /** Milliseconds since the epoch; "today" and "yesterday" are read from it. */
  now: () => number;
  /** Aborts a wait (Ctrl-C). */
  signal?: AbortSignal;
}

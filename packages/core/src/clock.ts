/**
 * Time as the client sees it. Injected so that hosts bring their own (n8n's abortable `sleep`)
 * and tests move time without fake timers.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms`; rejects with the signal's reason when it aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/**
 * The ways the simulated server misbehaves, so clients can be tested against them.
 *
 * - `server-error`: the API's own 500 JSON, instead of processing (no window spent).
 * - `slow`: waits `delayMs` (default 5 000) before processing normally; gives up as soon as
 *   `request.signal` aborts.
 * - `html-502`: a proxy's `text/html` 502 page, instead of processing (no window spent).
 * - `truncated-json`: processes normally (a 200 spends the window), then cuts the JSON body
 *   in half, status and headers kept.
 * - `drop-connection`: no response at all, instead of processing (no window spent). The
 *   handler rejects with `ConnectionDroppedError`; the Node server destroys the socket.
 * - `rate-limited`: a 429 as if another client had just spent the token's window: the window
 *   really starts now, so the next request waits for it too. Applied after the method, token
 *   and date checks, which still answer first.
 */
export type FaultKind = 'server-error' | 'slow' | 'html-502' | 'truncated-json' | 'drop-connection' | 'rate-limited';

export const FAULT_KINDS: readonly FaultKind[] = [
  'server-error',
  'slow',
  'html-502',
  'truncated-json',
  'drop-connection',
  'rate-limited',
];

export interface FaultSpec {
  kind: FaultKind;
  /** How many requests it hits before clearing itself; unset: until `setFault(undefined)`. */
  times?: number;
  /** For `slow`: the delay before processing. */
  delayMs?: number;
}

/** A fault by name (until cleared) or with details. */
export type Fault = FaultKind | FaultSpec;

export const DEFAULT_SLOW_DELAY_MS = 5_000;

/** The header a test may send to put one request under a fault, e.g. `slow`. */
export const FAULT_HEADER = 'x-zen-simulator-fault';
/** With `FAULT_HEADER: slow`, the delay in milliseconds. */
export const FAULT_DELAY_HEADER = 'x-zen-simulator-delay-ms';

export function isFaultKind(value: unknown): value is FaultKind {
  return typeof value === 'string' && (FAULT_KINDS as readonly string[]).includes(value);
}

export function toFaultSpec(fault: Fault): FaultSpec {
  const spec = typeof fault === 'string' ? { kind: fault } : { ...fault };
  if (!isFaultKind(spec.kind)) throw new TypeError(`Unknown simulator fault: ${String(spec.kind)}`);
  if (spec.times !== undefined && !(Number.isInteger(spec.times) && spec.times > 0)) {
    throw new RangeError('fault.times must be a positive integer');
  }
  if (spec.delayMs !== undefined && !(Number.isFinite(spec.delayMs) && spec.delayMs >= 0)) {
    throw new RangeError('fault.delayMs must be a non-negative number of milliseconds');
  }
  return spec;
}

/** The page a reverse proxy shows when the PHP upstream is down. */
export const BAD_GATEWAY_HTML: string = `<html>
<head><title>502 Bad Gateway</title></head>
<body>
<center><h1>502 Bad Gateway</h1></center>
<hr><center>nginx</center>
</body>
</html>
`;

/** A body cut mid-way: never valid JSON, never empty. */
export function truncateBody(body: string): string {
  return body.slice(0, Math.max(1, Math.floor(body.length / 2)));
}

/** Waits `ms`, or rejects with the signal's reason as soon as it aborts. */
export function delay(ms: number, signal?: AbortSignal): Promise<void> {
  // The simulator's own timer on purpose: it shares no code with the client it stands in front of.
  return new Promise((resolve, reject) => {
    const stop = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => resolve(signal?.removeEventListener('abort', stop)), ms);
    if (signal?.aborted) stop();
    else signal?.addEventListener('abort', stop, { once: true });
  });
}

import { ZenError, type ZenErrorOptions } from './zen-error.js';

/**
 * What went wrong below HTTP: `unreachable` (refused, unknown host: the request never left, so
 * no window was spent), `connection` (dropped or reset after sending) or `timeout`.
 */
export type ZenNetworkReason = 'timeout' | 'connection' | 'unreachable';

/** Error codes that prove a request never left this machine, so the API cannot have counted it. */
const UNREACHABLE_CODES: ReadonlySet<string> = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ConnectionRefused']);

/** True for a system error code (Node's `ECONNREFUSED`, Bun's `ConnectionRefused`, …) that proves nothing was sent. */
export function isUnreachableCode(code: string | undefined): boolean {
  return code !== undefined && UNREACHABLE_CODES.has(code);
}

/** The request never got a complete answer. */
export class ZenNetworkError extends ZenError {
  override name: string = 'ZenNetworkError';
  override readonly code: 'ZEN_NETWORK' = 'ZEN_NETWORK';
  readonly reason: ZenNetworkReason;

  constructor(problem: string, hint: string, reason: ZenNetworkReason, options: ZenErrorOptions = {}) {
    super(problem, hint, options);
    this.reason = reason;
  }

  protected override details(): Record<string, unknown> {
    return { reason: this.reason };
  }
}

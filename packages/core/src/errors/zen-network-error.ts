import { ZenError, type ZenErrorOptions } from './zen-error.js';

/**
 * What went wrong below HTTP: `unreachable` (refused, unknown host: the request never left, so
 * no window was spent), `connection` (dropped or reset after sending) or `timeout`.
 */
export type ZenNetworkReason = 'timeout' | 'connection' | 'unreachable';

/** The request never got a complete answer. */
export class ZenNetworkError extends ZenError {
  override name: string = 'ZenNetworkError';
  override readonly code: string = 'ZEN_NETWORK';
  readonly reason: ZenNetworkReason;

  constructor(problem: string, hint: string, reason: ZenNetworkReason, options: ZenErrorOptions = {}) {
    super(problem, hint, options);
    this.reason = reason;
  }

  protected override details(): Record<string, unknown> {
    return { reason: this.reason };
  }
}

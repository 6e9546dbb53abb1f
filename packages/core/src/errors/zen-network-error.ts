import { ZenError, type ZenErrorOptions } from './zen-error.js';

/** What went wrong below HTTP. */
export type ZenNetworkReason = 'timeout' | 'connection';

/** The request never got a complete answer: refused, reset, dropped or timed out. */
export class ZenNetworkError extends ZenError {
  override name: string = 'ZenNetworkError';
  override readonly code: string = 'ZEN_NETWORK';
  readonly reason: ZenNetworkReason;

  constructor(message: string, reason: ZenNetworkReason, options: ZenErrorOptions = {}) {
    super(message, options);
    this.reason = reason;
  }

  protected override details(): Record<string, unknown> {
    return { reason: this.reason };
  }
}

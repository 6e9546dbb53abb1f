/** What `/healthz` and the dashboard say about the upstream. */
export interface UpstreamStatus {
  /** The last HTTP status the API answered, or "network" when no answer came. */
  lastStatus: number | 'network' | undefined;
  lastRequestAt: Date | undefined;
  /** The gateway's best estimate of when the token's window frees. */
  nextWindowAt: Date | undefined;
  requestsSent: number;
}

/** How many days may wait for a window: per client key, and in all. */
export interface QueueLimits {
  perKey: number;
  total: number;
}

/** 8 days per key (a week and a bit) and 64 in all: 5 h 20 min of windows at most. */
export const DEFAULT_QUEUE_LIMITS: QueueLimits = { perKey: 8, total: 64 };

/** Why a day was not queued, and when asking again makes sense. */
export type QueueRefusal =
  | { refused: 'key-full' | 'full'; limit: number; retryAt: Date }
  | { refused: 'closing'; retryAt: Date };

/** A day given up because the gateway is shutting down: nothing was sent for it. */
export class ShuttingDownError extends Error {
  override name = 'ShuttingDownError';
  constructor() {
    super('the gateway is shutting down');
  }
}
